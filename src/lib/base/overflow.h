/* SPDX-License-Identifier: MIT */
/* overflow.h: checked size arithmetic; every size computed from input
 * goes through these so a hostile length can never wrap around. */
#ifndef CV_OVERFLOW_H
#define CV_OVERFLOW_H

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/* true when a + b overflows; *out is the (wrapped) sum either way */
static inline bool cv_add_overflow(size_t a, size_t b, size_t *out)
{
    return __builtin_add_overflow(a, b, out);
}

/* true when a * b overflows */
static inline bool cv_mul_overflow(size_t a, size_t b, size_t *out)
{
    return __builtin_mul_overflow(a, b, out);
}

/* Appends decimal `digit` (0..9) to *v unless the result would exceed
 * `max`; false (and *v unchanged) then. The bound is checked BEFORE the
 * multiply-add: checked after it, a wrapped value (2^64 + 1 -> 1) passes. */
static inline bool cv_digit_append(unsigned long *v, unsigned digit,
                                   unsigned long max)
{
    if (digit > 9 || digit > max || *v > (max - digit) / 10)
        return false;
    *v = *v * 10 + digit;
    return true;
}

/* v as an int, saturated at INT_MIN/INT_MAX (0 for NaN): converting a
 * double outside int's range is undefined behaviour, and the numbers
 * converted come from submissions and data files. */
static inline int cv_double_to_int(double v)
{
    if (isnan(v))
        return 0;
    if (v >= (double)INT_MAX)
        return INT_MAX;
    if (v <= (double)INT_MIN)
        return INT_MIN;
    return (int)v;
}

#endif
