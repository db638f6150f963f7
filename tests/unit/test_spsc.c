/* SPDX-License-Identifier: MIT */
/* Tests for the lock-free SPSC ring: single-thread contract checks, index
 * wrap-around, and two-thread stress runs (the stress threads are POSIX). */
#define _POSIX_C_SOURCE 200809L

#include "spsc.h"

#include "check.h"

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STRESS_DEFAULT_ITEMS 10000000ull
#define STRESS_CAPACITY 64u

/* True when q holds nothing from an earlier life: what a failed spsc_init and
 * spsc_destroy promise. */
static bool is_zeroed(struct spsc *q)
{
    return atomic_load(&q->head) == 0 && atomic_load(&q->tail) == 0 &&
           q->tail_cache == 0 && q->head_cache == 0 && q->mask == 0 &&
           q->elem_size == 0 && q->slots == NULL;
}

static void test_init(void)
{
    static const uint32_t bad[] = {0, 1, 3, 6, 12, 0x80000001u, UINT32_MAX};
    static const uint32_t good[] = {2, 4, 1024};
    struct spsc q;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&q, 0xAB, sizeof q);
        CHECK_MSG(!spsc_init(&q, sizeof(uint32_t), bad[i]),
                  "capacity %" PRIu32 " accepted", bad[i]);
        CHECK_MSG(is_zeroed(&q), "capacity %" PRIu32 ": q not zeroed", bad[i]);
    }

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        memset(&q, 0xAB, sizeof q);
        CHECK_MSG(spsc_init(&q, sizeof(uint32_t), good[i]),
                  "capacity %" PRIu32 " rejected", good[i]);
        CHECK(q.mask == good[i] - 1);
        CHECK(q.elem_size == sizeof(uint32_t));
        CHECK(spsc_count(&q) == 0);
        spsc_destroy(&q);
        CHECK(is_zeroed(&q));
    }

    memset(&q, 0xAB, sizeof q);
    CHECK(!spsc_init(&q, 0, 4));
    CHECK(is_zeroed(&q));
}

/* Fill to the brim, then drain: the edges fall exactly at capacity. */
static void test_fill_drain(uint32_t capacity)
{
    struct spsc q;
    CHECK(spsc_init(&q, sizeof(uint32_t), capacity));

    uint32_t pushed = 0;
    while (pushed <= capacity && spsc_push(&q, &pushed)) {
        pushed++;
        CHECK(spsc_count(&q) == pushed);
    }
    CHECK_MSG(pushed == capacity, "capacity %" PRIu32 ": %" PRIu32 " pushed",
              capacity, pushed);
    uint32_t extra = 0xDEADBEEF;
    CHECK(!spsc_push(&q, &extra));
    CHECK(spsc_count(&q) == capacity);

    uint32_t popped = 0;
    uint32_t value;
    while (popped <= capacity && spsc_pop(&q, &value)) {
        CHECK_MSG(value == popped, "got %" PRIu32 ", want %" PRIu32, value,
                  popped);
        popped++;
        CHECK(spsc_count(&q) == capacity - popped);
    }
    CHECK_MSG(popped == capacity, "capacity %" PRIu32 ": %" PRIu32 " popped",
              capacity, popped);

    /* An empty pop leaves the destination untouched. */
    value = 0x5A5A5A5A;
    CHECK(!spsc_pop(&q, &value));
    CHECK(value == 0x5A5A5A5A);
    CHECK(spsc_count(&q) == 0);

    /* The ring is usable again after a full cycle. */
    value = 42;
    CHECK(spsc_push(&q, &value));
    value = 0;
    CHECK(spsc_pop(&q, &value) && value == 42);

    spsc_destroy(&q);
}

/* A 24-byte element carrying a pointer comes out byte for byte as it went in,
 * including across the end of the slot array. */
struct item {
    uint64_t id;
    const char *text;
    double weight;
};

static void test_struct_elements(void)
{
    static const char *const texts[] = {"olá", "mundo", "", "ponte"};
    struct spsc q;
    CHECK(spsc_init(&q, sizeof(struct item), 8));

    uint64_t next_in = 0, next_out = 0;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 5; i++) {
            struct item in;
            memset(&in, 0, sizeof in);
            in.id = next_in;
            in.text = texts[next_in % 4];
            in.weight = (double)next_in * 0.5;
            CHECK(spsc_push(&q, &in));
            next_in++;
        }
        for (int guard = 0; guard < 8 && spsc_count(&q) > 2; guard++) {
            struct item want, got;
            memset(&want, 0, sizeof want);
            want.id = next_out;
            want.text = texts[next_out % 4];
            want.weight = (double)next_out * 0.5;
            memset(&got, 0xEE, sizeof got);
            CHECK(spsc_pop(&q, &got));
            CHECK_MSG(memcmp(&got, &want, sizeof got) == 0,
                      "item %" PRIu64 " changed in the ring", next_out);
            CHECK(got.text == texts[next_out % 4]);
            next_out++;
        }
    }
    CHECK(spsc_count(&q) == 2);
    spsc_destroy(&q);
}

/* An element size that is not a multiple of any alignment: slot offsets are
 * index * elem_size, nothing else. */
static void test_odd_size(void)
{
    struct spsc q;
    CHECK(spsc_init(&q, 3, 4));
    unsigned char next_in = 0, next_out = 0;
    for (int round = 0; round < 10; round++) {
        for (int i = 0; i < 3; i++) {
            unsigned char in[3] = {next_in, (unsigned char)~next_in,
                                   (unsigned char)(next_in * 7)};
            CHECK(spsc_push(&q, in));
            next_in++;
        }
        for (int i = 0; i < 3; i++) {
            unsigned char got[3] = {0};
            CHECK(spsc_pop(&q, got));
            CHECK(got[0] == next_out && got[1] == (unsigned char)~next_out &&
                  got[2] == (unsigned char)(next_out * 7));
            next_out++;
        }
    }
    CHECK(spsc_count(&q) == 0);
    spsc_destroy(&q);
}

/* Small deterministic generator for the push/pop patterns below. */
static uint32_t next_random(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* Pushes and pops in a pseudo-random pattern from the starting index `start`
 * and compares every result and every count with a trivial model. Returns the
 * number of elements that went through. */
static uint32_t run_against_model(struct spsc *q, uint32_t capacity,
                                  uint32_t steps, uint32_t seed)
{
    uint32_t next_in = 0, next_out = 0, state = seed ? seed : 1;
    for (uint32_t step = 0; step < steps; step++) {
        uint32_t len = next_in - next_out;
        if (next_random(&state) % 2) {
            bool pushed = spsc_push(q, &next_in);
            CHECK_MSG(pushed == (len < capacity),
                      "step %" PRIu32 ": push %s at len %" PRIu32, step,
                      pushed ? "accepted" : "refused", len);
            if (pushed)
                next_in++;
        } else {
            uint32_t value = UINT32_MAX;
            bool popped = spsc_pop(q, &value);
            CHECK_MSG(popped == (len > 0),
                      "step %" PRIu32 ": pop %s at len %" PRIu32, step,
                      popped ? "gave" : "refused", len);
            if (popped) {
                CHECK_MSG(value == next_out,
                          "step %" PRIu32 ": got %" PRIu32 ", want %" PRIu32,
                          step, value, next_out);
                next_out++;
            }
        }
        CHECK_MSG(spsc_count(q) == next_in - next_out,
                  "step %" PRIu32 ": count %" PRIu32 ", want %" PRIu32, step,
                  spsc_count(q), next_in - next_out);
    }
    return next_in;
}

static void test_against_model(void)
{
    struct spsc q;
    CHECK(spsc_init(&q, sizeof(uint32_t), 8));
    run_against_model(&q, 8, 20000, 12345);
    spsc_destroy(&q);
}

/* Across the uint32_t wrap, from several starting points: full and empty
 * still fall exactly at capacity, order holds, and the indices keep running
 * freely (they are not masked when stored). */
static void test_wrap(void)
{
    enum { capacity = 8 };
    static const uint32_t starts[] = {
        UINT32_MAX - 5, UINT32_MAX,     UINT32_MAX - capacity + 1,
        UINT32_MAX - capacity, UINT32_MAX - 2 * capacity, 0,
        UINT32_MAX / 2,
    };
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        uint32_t start = starts[s];
        struct spsc q;
        CHECK(spsc_init(&q, sizeof(uint32_t), capacity));
        spsc_debug_set_index(&q, start);
        CHECK(spsc_count(&q) == 0);
        uint32_t value = 0;
        CHECK(!spsc_pop(&q, &value));

        /* Fill, then take out a varying number, six times over. */
        uint32_t next_in = 0, next_out = 0;
        for (uint32_t cycle = 0; cycle < 6; cycle++) {
            uint32_t room = capacity - (next_in - next_out);
            uint32_t pushed = 0;
            while (pushed <= room && spsc_push(&q, &next_in)) {
                next_in++;
                pushed++;
            }
            CHECK_MSG(pushed == room,
                      "start %" PRIu32 " cycle %" PRIu32 ": pushed %" PRIu32
                      ", room %" PRIu32,
                      start, cycle, pushed, room);
            CHECK(spsc_count(&q) == capacity);
            for (uint32_t i = 0; i <= cycle % capacity; i++) {
                CHECK(spsc_pop(&q, &value));
                CHECK_MSG(value == next_out,
                          "start %" PRIu32 ": got %" PRIu32 ", want %" PRIu32,
                          start, value, next_out);
                next_out++;
            }
            CHECK(spsc_count(&q) == next_in - next_out);
        }
        for (uint32_t i = 0; i <= capacity && spsc_pop(&q, &value); i++) {
            CHECK(value == next_out);
            next_out++;
        }
        CHECK(next_out == next_in);
        CHECK(spsc_count(&q) == 0);
        CHECK(atomic_load(&q.head) == start + next_in);
        CHECK(atomic_load(&q.tail) == start + next_in);

        /* Then a random pattern across the wrap. */
        spsc_destroy(&q);
        CHECK(spsc_init(&q, sizeof(uint32_t), capacity));
        spsc_debug_set_index(&q, start);
        uint32_t through = run_against_model(&q, capacity, 200, start ^ 0x9E37u);
        CHECK(through > 3 * capacity);
        spsc_destroy(&q);
    }
}

/* ---- two threads ---------------------------------------------------------- */

static uint64_t stress_items(void)
{
    const char *env = getenv("SPSC_STRESS_ITEMS");
    if (env && *env) {
        char *end;
        unsigned long long n = strtoull(env, &end, 10);
        if (*end == '\0' && n > 0)
            return n;
        fprintf(stderr, "spsc: ignoring SPSC_STRESS_ITEMS=%s\n", env);
    }
    return STRESS_DEFAULT_ITEMS;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct stress {
    struct spsc q;
    uint64_t items; /* set before the threads start */
    atomic_bool producer_done; /* set by the producer when it has pushed all */
    atomic_bool consumer_quit; /* set by the consumer when it got too many */

    uint64_t full_waits;      /* producer only */
    uint64_t empty_waits;     /* consumer only */
    uint64_t received;        /* consumer only */
    uint64_t last;            /* consumer only: last value popped */
    uint64_t errors;          /* consumer only: values that were not last + 1 */
    uint64_t first_error_at;  /* consumer only: received count at 1st error */
    uint64_t first_error_got; /* consumer only */
};

/* The consumer stops when the producer is done and the ring is empty, so a
 * lost element shows up as a short count instead of a hang; it gives up on
 * more elements than were pushed, and then the producer stops waiting. */
static bool stress_finished(struct stress *st)
{
    /* Acquire: every push the producer made is visible once done is seen. */
    return atomic_load_explicit(&st->producer_done, memory_order_acquire) &&
           spsc_count(&st->q) == 0;
}

static void stress_note(struct stress *st, uint64_t got)
{
    if (got != st->last + 1) {
        if (st->errors++ == 0) {
            st->first_error_at = st->received;
            st->first_error_got = got;
        }
    }
    st->last = got;
    st->received++;
}

static bool stress_too_many(struct stress *st)
{
    if (st->received <= st->items)
        return false;
    /* Relaxed: only tells the producer to stop; the counts are read after
     * the join. */
    atomic_store_explicit(&st->consumer_quit, true, memory_order_relaxed);
    return true;
}

/* Producer side: waits for room, unless the consumer has given up. */
static bool stress_wait_for_room(struct stress *st)
{
    st->full_waits++;
    sched_yield();
    return !atomic_load_explicit(&st->consumer_quit, memory_order_relaxed);
}

/* Pushes elem, waiting for room; false when the consumer quit. */
static bool stress_push(struct stress *st, const void *elem)
{
    while (!spsc_push(&st->q, elem)) {
        if (!stress_wait_for_room(st))
            return false;
    }
    return true;
}

static void stress_produced_all(struct stress *st)
{
    /* Release: pairs with the acquire in stress_finished. */
    atomic_store_explicit(&st->producer_done, true, memory_order_release);
}

/* The consumer's loop: pops into elem and hands each to take, until the
 * producer is done and the ring is empty, or more came than were sent. */
static void stress_consume(struct stress *st, void *elem, void (*take)(struct stress *st, void *elem))
{
    for (;;) {
        if (spsc_pop(&st->q, elem)) {
            take(st, elem);
            if (stress_too_many(st))
                break;
        } else if (stress_finished(st)) {
            break;
        } else {
            st->empty_waits++;
            sched_yield();
        }
    }
}

static void *plain_producer(void *arg)
{
    struct stress *st = arg;
    for (uint64_t v = 1; v <= st->items; v++) {
        if (!stress_push(st, &v))
            return NULL;
    }
    stress_produced_all(st);
    return NULL;
}

static void take_plain(struct stress *st, void *elem)
{
    stress_note(st, *(const uint64_t *)elem);
}

static void *plain_consumer(void *arg)
{
    uint64_t v;
    stress_consume(arg, &v, take_plain);
    return NULL;
}

/* The element owns a heap block; ownership moves through the ring and the
 * consumer frees it. Under ASan a lost or doubled element is a leak or a
 * double free. */
struct owned {
    uint64_t seq;
    uint64_t *payload; /* {seq, ~seq} */
};

static void *owned_producer(void *arg)
{
    struct stress *st = arg;
    for (uint64_t v = 1; v <= st->items; v++) {
        struct owned e = {.seq = v, .payload = malloc(2 * sizeof(uint64_t))};
        if (!e.payload) {
            fprintf(stderr, "spsc: out of memory in the stress producer\n");
            abort();
        }
        e.payload[0] = v;
        e.payload[1] = ~v;
        if (!stress_push(st, &e)) {
            free(e.payload);
            return NULL;
        }
    }
    stress_produced_all(st);
    return NULL;
}

static void take_owned(struct stress *st, void *elem)
{
    const struct owned *e = elem;
    if (e->payload[0] != e->seq || e->payload[1] != ~e->seq)
        stress_note(st, 0); /* a torn element counts as an error */
    else
        stress_note(st, e->seq);
    free(e->payload);
}

static void *owned_consumer(void *arg)
{
    struct owned e;
    stress_consume(arg, &e, take_owned);
    return NULL;
}

static void run_stress(const char *name, bool owned, uint32_t capacity,
                       uint32_t start, uint64_t items)
{
    struct stress *st = calloc(1, sizeof *st);
    CHECK(st != NULL);
    if (!st)
        return;
    size_t elem_size = owned ? sizeof(struct owned) : sizeof(uint64_t);
    bool ready = spsc_init(&st->q, elem_size, capacity);
    CHECK(ready);
    if (!ready) {
        free(st);
        return;
    }
    spsc_debug_set_index(&st->q, start);
    st->items = items;
    atomic_init(&st->producer_done, false);
    atomic_init(&st->consumer_quit, false);

    double t0 = now_seconds();
    pthread_t producer, consumer;
    if (pthread_create(&consumer, NULL, owned ? owned_consumer : plain_consumer,
                       st) != 0 ||
        pthread_create(&producer, NULL, owned ? owned_producer : plain_producer,
                       st) != 0) {
        fprintf(stderr, "spsc: cannot start the stress threads\n");
        abort();
    }
    CHECK(pthread_join(producer, NULL) == 0);
    CHECK(pthread_join(consumer, NULL) == 0);
    double elapsed = now_seconds() - t0;

    CHECK_MSG(st->errors == 0,
              "%s: %" PRIu64 " out-of-sequence values, first after %" PRIu64
              " items: got %" PRIu64,
              name, st->errors, st->first_error_at, st->first_error_got);
    CHECK_MSG(st->received == items,
              "%s: received %" PRIu64 " of %" PRIu64, name, st->received,
              items);
    CHECK_MSG(st->last == items, "%s: last value %" PRIu64 ", want %" PRIu64,
              name, st->last, items);
    CHECK(spsc_count(&st->q) == 0);
    CHECK(atomic_load(&st->q.head) == start + (uint32_t)items);
    CHECK(atomic_load(&st->q.tail) == start + (uint32_t)items);

    /* Nothing may be left; if something is, free it so the count above is
     * the report rather than a leak. */
    struct owned left;
    for (uint32_t i = 0; owned && i < capacity && spsc_pop(&st->q, &left); i++)
        free(left.payload);

    printf("spsc: %s: %" PRIu64 " items, capacity %" PRIu32 ", %.2f s "
           "(producer waited %" PRIu64 "x, consumer %" PRIu64 "x)\n",
           name, items, capacity, elapsed, st->full_waits, st->empty_waits);
    fflush(stdout);
    spsc_destroy(&st->q);
    free(st);
}

int main(void)
{
    test_init();
    test_fill_drain(2);
    test_fill_drain(4);
    test_fill_drain(1024);
    test_struct_elements();
    test_odd_size();
    test_against_model();
    test_wrap();

    uint64_t items = stress_items();
    /* Start a little before the wrap so it is crossed while both threads run. */
    run_stress("values", false, STRESS_CAPACITY, UINT32_MAX - 1000, items);
    run_stress("owned pointers", true, STRESS_CAPACITY, UINT32_MAX - 1000,
               items);
    return check_summary("spsc");
}
