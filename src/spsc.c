/* SPDX-License-Identifier: MIT */
#include "spsc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *slot_at(const struct spsc *q, uint32_t index)
{
    return q->slots + (size_t)(index & q->mask) * q->elem_size;
}

bool spsc_init(struct spsc *q, size_t elem_size, uint32_t capacity)
{
    assert(q);
    memset(q, 0, sizeof *q);
    if (capacity < 2 || (capacity & (capacity - 1)) != 0 || elem_size == 0)
        return false;

    /* calloc checks capacity * elem_size for overflow. */
    unsigned char *slots = calloc(capacity, elem_size);
    if (!slots)
        return false;

    atomic_init(&q->head, 0);
    atomic_init(&q->tail, 0);
    q->mask = capacity - 1;
    q->elem_size = elem_size;
    q->slots = slots;
    return true;
}

void spsc_destroy(struct spsc *q)
{
    assert(q);
    free(q->slots);
    memset(q, 0, sizeof *q);
}

bool spsc_push(struct spsc *q, const void *elem)
{
    assert(q && q->slots && elem);
    /* Relaxed: only this thread writes head. */
    uint32_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
    if (head - q->tail_cache > q->mask) {
        /* Acquire: the consumer has finished reading the slot it freed before
         * we overwrite it (pairs with the release in spsc_pop). */
        q->tail_cache = atomic_load_explicit(&q->tail, memory_order_acquire);
        if (head - q->tail_cache > q->mask)
            return false;
    }
    memcpy(slot_at(q, head), elem, q->elem_size);
    /* Release: the slot's bytes become visible no later than the new head. */
    atomic_store_explicit(&q->head, head + 1, memory_order_release);
    return true;
}

bool spsc_pop(struct spsc *q, void *elem)
{
    assert(q && q->slots && elem);
    /* Relaxed: only this thread writes tail. */
    uint32_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
    if (tail == q->head_cache) {
        /* Acquire: the producer's write of the slot is visible before we read
         * it (pairs with the release in spsc_push). */
        q->head_cache = atomic_load_explicit(&q->head, memory_order_acquire);
        if (tail == q->head_cache)
            return false;
    }
    memcpy(elem, slot_at(q, tail), q->elem_size);
    /* Release: our read of the slot is done before the producer may reuse it. */
    atomic_store_explicit(&q->tail, tail + 1, memory_order_release);
    return true;
}

uint32_t spsc_count(const struct spsc *q)
{
    assert(q);
    /* Relaxed: no slot is touched, only a number is returned. The caller owns
     * one index, so the difference held when the other one was loaded. */
    uint32_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
    uint32_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
    return head - tail;
}

void spsc_debug_set_index(struct spsc *q, uint32_t index)
{
    assert(q && q->slots);
    assert(atomic_load_explicit(&q->head, memory_order_relaxed) ==
           atomic_load_explicit(&q->tail, memory_order_relaxed));
    /* Relaxed: no other thread touches the ring yet; starting one publishes. */
    atomic_store_explicit(&q->head, index, memory_order_relaxed);
    atomic_store_explicit(&q->tail, index, memory_order_relaxed);
    q->tail_cache = index;
    q->head_cache = index;
}
