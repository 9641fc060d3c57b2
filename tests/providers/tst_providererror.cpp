#include "providererror.h"
#include "sseparser.h"

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A response body kept in tests/data/providers (inputs that once broke a parser).
QByteArray providerFixture(const char *name)
{
    QFile f(QStringLiteral(CAPTIONEER_TEST_DATA "/providers/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

} // namespace

class TestProviderError : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapes_data();
    void shapes();
    void retryAfter_data();
    void retryAfter();
    void networkErrors();
    void sseSplitAnywhere();
    void sseDashScopeWithoutBlankLines();
    void sseCommentsDoneAndEvents();
};

void TestProviderError::shapes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("messageMentions");

    QTest::newRow("openai invalid key")
        << 401
        << QByteArray(
               R"j({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})j")
        << QByteArray("x-request-id") << QByteArray("req_123") << u"invalid_api_key"_s
        << u"Incorrect API key provided"_s << u"req_123"_s << false << u"API key"_s;
    QTest::newRow("openai quota 429 is not retried")
        << 429
        << QByteArray(
               R"j({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})j")
        << QByteArray() << QByteArray() << u"insufficient_quota"_s
        << u"You exceeded your current quota"_s << QString() << false << u"quota"_s;
    QTest::newRow("openai 413 server_error with null code")
        << 413
        << QByteArray(
               R"j({"error":{"message":"Maximum content size limit (26214400) exceeded (26294972 bytes read)","type":"server_error","param":null,"code":null}})j")
        << QByteArray() << QByteArray() << u"server_error"_s
        << u"Maximum content size limit (26214400) exceeded (26294972 bytes read)"_s << QString()
        << false << u"too large"_s;
    QTest::newRow("rate limit is retried")
        << 429 << QByteArray(R"j({"error":{"message":"Rate limit"}})j") << QByteArray()
        << QByteArray() << QString() << u"Rate limit"_s << QString() << true << u"rate"_s;
    QTest::newRow("dashscope invalid key")
        << 401
        << QByteArray(
               R"j({"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"a1c0561c"})j")
        << QByteArray() << QByteArray() << u"InvalidApiKey"_s << u"Invalid API-key provided."_s
        << u"a1c0561c"_s << false << u"API key"_s;
    QTest::newRow("dashscope msg instead of message")
        << 400 << QByteArray(R"j({"code":"InvalidParameter","msg":"bad url"})j") << QByteArray()
        << QByteArray() << u"InvalidParameter"_s << u"bad url"_s << QString() << false
        << u"invalid"_s;
    QTest::newRow("dashscope allocation quota")
        << 429
        << QByteArray(
               R"j({"code":"Throttling.AllocationQuota","message":"Free allocated quota exceeded."})j")
        << QByteArray() << QByteArray() << u"Throttling.AllocationQuota"_s
        << u"Free allocated quota exceeded."_s << QString() << false << u"quota"_s;
    QTest::newRow("siliconflow 20012")
        << 400
        << QByteArray(
               R"j({"code":20012,"message":"Model does not exist. Please check it carefully.","data":null})j")
        << QByteArray("x-siliconcloud-trace-id") << QByteArray("sf-1") << u"20012"_s
        << u"Model does not exist. Please check it carefully."_s << u"sf-1"_s << false
        << u"invalid"_s;
    QTest::newRow("siliconflow bare string 401")
        << 401 << QByteArray(R"j("Invalid token")j") << QByteArray() << QByteArray() << QString()
        << u"Invalid token"_s << QString() << false << u"API key"_s;
    QTest::newRow("siliconflow 404 plain text")
        << 404 << QByteArray("404 page not found") << QByteArray() << QByteArray() << QString()
        << u"404 page not found"_s << QString() << false << u"base URL"_s;
    QTest::newRow("siliconflow 503 overloaded")
        << 503
        << QByteArray(
               R"j({"code":50505,"message":"Model service overloaded. Please try again later."})j")
        << QByteArray() << QByteArray() << u"50505"_s
        << u"Model service overloaded. Please try again later."_s << QString() << true
        << u"server error"_s;
    QTest::newRow("siliconflow 429 tpm without code")
        << 429
        << QByteArray(
               R"j({"message":"Request was rejected due to rate limiting. Details:TPM limit reached.","data":null})j")
        << QByteArray() << QByteArray() << QString()
        << u"Request was rejected due to rate limiting. Details:TPM limit reached."_s << QString()
        << true << u"rate"_s;
    QTest::newRow("html gateway page")
        << 502
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        << QByteArray() << QByteArray() << QString() << u"502 Bad Gateway"_s << QString() << true
        << u"server error"_s;
    QTest::newRow("x-should-retry false wins")
        << 500 << QByteArray("{}") << QByteArray("x-should-retry") << QByteArray("false")
        << QString() << QString() << QString() << false << u"server error"_s;
    QTest::newRow("x-should-retry true wins")
        << 400 << QByteArray("{}") << QByteArray("x-should-retry") << QByteArray("true")
        << QString() << QString() << QString() << true << u"invalid"_s;
    QTest::newRow("empty body") << 500 << QByteArray() << QByteArray() << QByteArray() << QString()
                                << QString() << QString() << true << u"HTTP 500"_s;
    QTest::newRow("truncated json")
        << 500 << QByteArray(R"j({"error":{"mess)j") << QByteArray() << QByteArray() << QString()
        << QString::fromUtf8(R"j({"error":{"mess)j") << QString() << true << u"server error"_s;
    QTest::newRow("numeric code and request id beyond qint64 (undefined conversion)")
        << 503 << providerFixture("error-code-overflow.json") << QByteArray() << QByteArray()
        << u"1e+300"_s << u"Model service overloaded."_s << u"2e+300"_s << true
        << u"server error"_s;
}

void TestProviderError::shapes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QString, code);
    QFETCH(QString, detail);
    QFETCH(QString, requestId);
    QFETCH(bool, retryable);
    QFETCH(QString, messageMentions);
    RawHeaders headers;
    if (!headerName.isEmpty())
        headers.append({headerName, headerValue});
    const Error e = providerHttpError(u"TestProvider"_s, status, body, headers);
    QCOMPARE(e.code, ErrorCode::Provider);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.providerCode, code);
    QCOMPARE(e.detail, detail);
    QCOMPARE(e.requestId, requestId);
    QCOMPARE(e.retryable, retryable);
    QVERIFY2(e.message.contains(messageMentions, Qt::CaseInsensitive), qPrintable(e.message));
    QVERIFY(e.message.contains(u"TestProvider"_s) || status == 413);
}

void TestProviderError::retryAfter_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("seconds") << QByteArray("Retry-After") << QByteArray("3") << 3000LL;
    QTest::newRow("fractional seconds") << QByteArray("retry-after") << QByteArray("0.25") << 250LL;
    QTest::newRow("milliseconds") << QByteArray("retry-after-ms") << QByteArray("1500") << 1500LL;
    QTest::newRow("garbage") << QByteArray("Retry-After") << QByteArray("soon") << -1LL;
    QTest::newRow("negative") << QByteArray("Retry-After") << QByteArray("-5") << -1LL;
    // Beyond qint64 (fuzz_provider_error: undefined conversion): capped far above any policy.
    QTest::newRow("milliseconds beyond qint64")
        << QByteArray("retry-after-ms") << QByteArray("11e300") << 1000000000000LL;
    QTest::newRow("seconds beyond qint64")
        << QByteArray("Retry-After") << QByteArray("1e300") << 1000000000000LL;
    QTest::newRow("absent") << QByteArray("X-Other") << QByteArray("1") << -1LL;
}

void TestProviderError::retryAfter()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    QCOMPARE(retryAfterFromHeaders({{name, value}}), expectedMs);
}

void TestProviderError::networkErrors()
{
    // An HTTP date 10 s ahead.
    const QByteArray date =
        QDateTime::currentDateTimeUtc().addSecs(10).toString(Qt::RFC2822Date).toLatin1();
    const qint64 ms = retryAfterFromHeaders({{"Retry-After", date}});
    QVERIFY2(ms > 8000 && ms <= 10000, qPrintable(QString::number(ms)));

    const Error refused =
        providerNetworkError(u"X"_s, QNetworkReply::ConnectionRefusedError, u"refused"_s);
    QCOMPARE(refused.code, ErrorCode::Network);
    QVERIFY(refused.retryable);
    QVERIFY(refused.message.contains(u"refused"_s));
    const Error tls =
        providerNetworkError(u"X"_s, QNetworkReply::SslHandshakeFailedError, u"tls"_s);
    QVERIFY(!tls.retryable);
    QVERIFY(tls.message.contains(u"certificate"_s));
}

void TestProviderError::sseSplitAnywhere()
{
    const QByteArray stream = "data: {\"a\":1}\n\nevent: delta\ndata: {\"b\":2}\r\n\r\n"
                              ": keep-alive\n\ndata: {\"c\":\"x\\ny\"}\n\ndata: [DONE]\n\n";
    QList<SseEvent> whole;
    SseParser p;
    p.feed(stream, &whole);
    QCOMPARE(whole.size(), 3);
    QCOMPARE(whole[1].event, QByteArray("delta"));
    QCOMPARE(whole[1].data, QByteArray("{\"b\":2}"));
    QVERIFY(p.done());
    for (qsizetype cut = 1; cut < stream.size(); ++cut) {
        for (qsizetype cut2 = cut; cut2 < stream.size(); cut2 += 7) {
            SseParser q;
            QList<SseEvent> events;
            q.feed(stream.left(cut), &events);
            q.feed(stream.mid(cut, cut2 - cut), &events);
            q.feed(stream.mid(cut2), &events);
            q.finish(&events);
            QCOMPARE(events, whole);
            QVERIFY(q.done());
        }
    }
}

void TestProviderError::sseDashScopeWithoutBlankLines()
{
    const QByteArray stream =
        "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"t\":\"one\"}\n"
        "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"t\":\"two\"}\n"
        "id:3\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\"}";
    SseParser p;
    QList<SseEvent> events;
    p.feed(stream, &events);
    p.finish(&events);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[0].id, QByteArray("1"));
    QCOMPARE(events[1].data, QByteArray("{\"t\":\"two\"}"));
    QCOMPARE(events[2].event, QByteArray("error"));
    QCOMPARE(events[2].httpStatus, 400);
    QCOMPARE(events[0].httpStatus, 200);
}

void TestProviderError::sseCommentsDoneAndEvents()
{
    SseParser p;
    QList<SseEvent> events;
    p.feed("event: first\ndata: a\n\ndata: b\n\n", &events);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].event, QByteArray("first"));
    QCOMPARE(events[1].event, QByteArray()); // a blank line resets the event type
    QVERIFY(!p.done());
    p.feed("data:[DONE]\n", &events);
    QVERIFY(p.done());
    QCOMPARE(events.size(), 2);
}

QTEST_GUILESS_MAIN(TestProviderError)
#include "tst_providererror.moc"
