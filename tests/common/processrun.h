#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs a program to its end for a test: `input` on its standard input (then closed), both output
// streams collected. code is the exit status, -1 when it crashed, did not start or ran longer
// than `timeoutMs` (it is then killed, so no test waits for ever).
struct ProcessRun {
    int code = -1;
    QByteArray out, err;
};

struct ProcessOptions {
    QByteArray input;
    int timeoutMs = 120000;
    QString workingDirectory; // empty: the test's own
};

inline ProcessRun
runProcess(const QString &program, const QStringList &args,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
           const ProcessOptions &options = {})
{
    const QByteArray &input = options.input;
    QProcess p;
    p.setProcessEnvironment(env);
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(options.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
