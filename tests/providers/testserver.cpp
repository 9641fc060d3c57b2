#include "testserver.h"

#include <httplib.h>

#include <chrono>

TestServer::TestServer()
    : m_server(std::make_unique<httplib::Server>())
{}

TestServer::~TestServer()
{
    m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

bool TestServer::start()
{
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0)
        return false;
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return m_server->is_running();
}

QString TestServer::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}
