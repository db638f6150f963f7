/* SPDX-License-Identifier: MIT */
/* addroot: puts a DER certificate into (or takes it out of) the current
 * user's "ROOT" certificate store, as `certutil -user -addstore Root` does
 * on Windows (Wine has no certutil). For tests/windows/wine_e2e.py's TLS
 * case: a CA made at test time that only the Windows store trusts.
 *     addroot add|remove FILE.der */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "add") && strcmp(argv[1], "remove"))) {
        fprintf(stderr, "usage: addroot add|remove FILE.der\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        fprintf(stderr, "addroot: cannot read %s\n", argv[2]);
        return 1;
    }
    static unsigned char der[65536];
    size_t len = fread(der, 1, sizeof der, f);
    fclose(f);
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"ROOT");
    if (!store) {
        fprintf(stderr, "addroot: cannot open the ROOT store: %lu\n", GetLastError());
        return 1;
    }
    PCCERT_CONTEXT cert = CertCreateCertificateContext(X509_ASN_ENCODING, der, (DWORD)len);
    if (!cert) {
        fprintf(stderr, "addroot: %s is not a DER certificate: %lu\n", argv[2], GetLastError());
        return 1;
    }
    int status = 0;
    if (!strcmp(argv[1], "add")) {
        if (!CertAddCertificateContextToStore(store, cert, CERT_STORE_ADD_REPLACE_EXISTING, NULL)) {
            fprintf(stderr, "addroot: adding failed: %lu\n", GetLastError());
            status = 1;
        }
    } else {
        PCCERT_CONTEXT found = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, cert, NULL);
        if (!found || !CertDeleteCertificateFromStore(found)) {
            fprintf(stderr, "addroot: removing failed: %lu\n", GetLastError());
            status = 1;
        }
    }
    CertFreeCertificateContext(cert);
    CertCloseStore(store, 0);
    return status;
}
