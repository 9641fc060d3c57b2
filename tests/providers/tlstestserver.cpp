#include "tlstestserver.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>

namespace {

struct KeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct CertDeleter {
    void operator()(X509 *c) const { X509_free(c); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using CertPtr = std::unique_ptr<X509, CertDeleter>;

// A self-signed certificate for 127.0.0.1, or null on any failure.
CertPtr selfSigned(EVP_PKEY *key)
{
    CertPtr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1 ||
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) ||
        X509_set_pubkey(cert.get(), key) != 1)
        return nullptr;
    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *cn = reinterpret_cast<const unsigned char *>("127.0.0.1");
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("Captioneer tests"), -1,
                                   -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1)
        return nullptr;
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    X509_EXTENSION *san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name,
                                              const_cast<char *>("IP:127.0.0.1"));
    if (!san)
        return nullptr;
    const int added = X509_add_ext(cert.get(), san, -1);
    X509_EXTENSION_free(san);
    if (added != 1 || X509_sign(cert.get(), key, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

QByteArray pem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio)
        return {};
    QByteArray out;
    if (PEM_write_bio_X509(bio, cert) == 1) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        out = QByteArray(data, qsizetype(size));
    }
    BIO_free(bio);
    return out;
}

} // namespace

TlsTestServer::TlsTestServer() = default;

TlsTestServer::~TlsTestServer()
{
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

bool TlsTestServer::start()
{
    const KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return false;
    const CertPtr cert = selfSigned(key.get());
    if (!cert)
        return false;
    m_certificatePem = pem(cert.get());
    // The server's SSL context takes its own references to the certificate and key.
    m_server = std::make_unique<httplib::SSLServer>(cert.get(), key.get());
    if (!m_server->is_valid())
        return false;
    const auto count = [this](const httplib::Request &, httplib::Response &res) {
        ++m_requests;
        res.set_content("{}", "application/json");
    };
    m_server->Get(".*", count);
    m_server->Post(".*", count);
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0)
        return false;
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return m_server->is_running();
}

QString TlsTestServer::url(const QString &path) const
{
    return QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path);
}
