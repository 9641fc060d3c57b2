#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

// Recoverable failures are values. An Error carries a code for programs, a translated message
// for people, and detail (file, line, HTTP status, provider code, request id) for both.

enum class ErrorCode {
    InvalidArgument, // a caller passed a value outside its documented range
    NotFound,        // a cue id, file or stream that does not exist
    ParseError,      // input bytes/text that cannot be understood
    UnsupportedFormat,
    NewerVersion, // a file written by a newer Captioneer
    IoError,
    Cancelled,
    Network,
    Provider,
    Internal,
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message; // translated, one sentence, no trailing newline
    QString detail;  // optional technical detail (never contains secrets)
    QString file;    // file the error is about, if any
    int line = 0;    // 1-based line in `file` (0: not about a line)

    // Remote failures (providers): what the server said, and whether trying again may help.
    int httpStatus = 0;       // 0: no HTTP response (connection-level failure)
    QString providerCode;     // "insufficient_quota", "InvalidApiKey", "20012"
    QString requestId;        // for support requests to the provider
    bool retryable = false;   // a later identical request may succeed
    qint64 retryAfterMs = -1; // the server's requested delay, -1 if none

    // "file:line: message" (parts that are empty are left out).
    QString toString() const;
};

template <typename T>
class [[nodiscard]] Result {
public:
    // An unset result reads as an internal error; it exists for containers and QCoro::waitFor.
    Result()
        : m_data(std::in_place_index<1>, Error{})
    {}
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, QString message, QString detail = {})
{
    Error e;
    e.code = code;
    e.message = std::move(message);
    e.detail = std::move(detail);
    return e;
}
