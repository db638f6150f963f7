/* SPDX-License-Identifier: MIT */
/* fuzz_msgpack: any bytes as MessagePack (binview.c's MessagePack path) and as JSON for
 * binenc.c's MessagePack encoder; the properties are in fuzz_binview.h. */
#include "fuzz_binview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_binview(BINVIEW_MSGPACK, data, size);
}
