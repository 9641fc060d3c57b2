#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace httplib {
class SSLServer;
}

// A real HTTPS server (cpp-httplib SSLServer) on 127.0.0.1 at a free port whose certificate is
// self-signed and made when the server starts (OpenSSL: EC P-256, CN and subjectAltName
// 127.0.0.1, valid for one day). The name matches, so the only thing wrong with it is that nobody
// vouches for it: every client must refuse it. It answers any GET or POST with 200 and counts the
// requests that got through the handshake, so a test can prove that nothing (no key, no audio)
// was sent over the untrusted connection. Background thread; the destructor stops and joins it.
class TlsTestServer {
public:
    TlsTestServer();
    ~TlsTestServer();
    bool start(); // false if the certificate, the bind or the start failed
    int port() const { return m_port; }
    QString url(const QString &path = {}) const; // https://127.0.0.1:<port><path>
    int requests() const { return m_requests.load(); }
    QByteArray certificatePem() const { return m_certificatePem; }

private:
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic_int m_requests = 0;
    QByteArray m_certificatePem;
};
