#pragma once

#include <QString>

#include <memory>
#include <thread>

namespace httplib {
class Server;
}

// A real HTTP server (cpp-httplib) on 127.0.0.1 at a free port, running in a background thread, for
// provider tests. Register handlers on http() before start(). Handlers run on the server's
// threads: protect what they record with a mutex. The destructor stops and joins the server.
class TestServer {
public:
    TestServer();
    ~TestServer();
    httplib::Server &http() { return *m_server; }
    bool start(); // false if it could not bind or did not come up within 5 s
    int port() const { return m_port; }
    QString url(const QString &path = {}) const;

private:
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
};
