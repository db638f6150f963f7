/* SPDX-License-Identifier: MIT */
/* fuzz_cbor: any bytes as CBOR (binview.c's CBOR path) and as JSON for
 * binenc.c's CBOR encoder; the properties are in fuzz_binview.h. */
#include "fuzz_binview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_binview(BINVIEW_CBOR, data, size);
}
