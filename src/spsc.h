/* SPDX-License-Identifier: MIT */
/* spsc: a lock-free single-producer/single-consumer ring of fixed-size
 * elements on C11 atomics.
 *
 * Exactly one thread pushes and exactly one thread pops. Elements are copied
 * in and out by value, so a pointer inside an element changes owner with it:
 * whoever pops an element owns what it points to.
 *
 * Indices run freely over the whole uint32_t range and are masked on use
 * (len = head - tail), so the capacity must be a power of two. The producer's
 * and the consumer's index live on separate cache lines, and each side keeps
 * a private copy of the other side's index so it only reads the shared one
 * when its copy says the ring looks full (or empty). */
#ifndef PONTE_SPSC_H
#define PONTE_SPSC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPSC_CACHE_LINE 64

/* A full cache line of padding between the groups keeps them on separate
 * lines whatever the struct's own alignment (it is often inside a malloc'd
 * struct, aligned to 16 only). */
struct spsc {
    /* Set by spsc_init, read-only afterwards. */
    uint32_t mask;
    size_t elem_size;
    unsigned char *slots;
    char pad_config[SPSC_CACHE_LINE];

    /* Written by the producer only; read by the consumer. */
    _Atomic uint32_t head;
    uint32_t tail_cache; /* producer only: last tail it read */
    char pad_head[SPSC_CACHE_LINE];

    /* Written by the consumer only; read by the producer. */
    _Atomic uint32_t tail;
    uint32_t head_cache; /* consumer only: last head it read */
    char pad_tail[SPSC_CACHE_LINE];
};

/* capacity: a power of two >= 2. Returns false (and leaves q zeroed) on a bad
 * capacity, a zero elem_size or an allocation failure. */
bool spsc_init(struct spsc *q, size_t elem_size, uint32_t capacity);

/* Frees the slots. Elements still inside are not looked at: drain them first
 * if they own memory. */
void spsc_destroy(struct spsc *q);

/* Producer side. Copies elem_size bytes from elem into the ring; false when
 * the ring is full (nothing is written). */
bool spsc_push(struct spsc *q, const void *elem);

/* Consumer side. Copies the oldest element into elem and removes it; false
 * when the ring is empty (elem is untouched). */
bool spsc_pop(struct spsc *q, void *elem);

/* Either side: the number of elements inside at some instant during the
 * call. A snapshot, exact only when the other side is idle. */
uint32_t spsc_count(const struct spsc *q);

/* Test hook: start both indices at `index` (e.g. near UINT32_MAX, to cross
 * the wrap). Only on a freshly initialised, empty ring, before any other
 * thread touches it. */
void spsc_debug_set_index(struct spsc *q, uint32_t index);

#endif
