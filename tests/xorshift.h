/* SPDX-License-Identifier: MIT */
/* xorshift: the tests' pseudo-random numbers (Marsaglia's xorshift32, 2003).
 * Deterministic from a fixed seed, so a failure replays with the same
 * inputs. */
#ifndef PONTE_XORSHIFT_H
#define PONTE_XORSHIFT_H

#include <stdint.h>

static inline uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
