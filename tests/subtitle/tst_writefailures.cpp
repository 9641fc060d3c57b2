#include "projectformat.h"
#include "subtitlefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Saving onto a full disk or into a read-only directory (issue 11, crash safety): the write fails
// with a message that names the file and says why, and the previous version of the file is left
// exactly as it was, with no temporary file beside it. writeFileAtomically is what saving a
// project, exporting subtitles, autosaving and every CLI output use; the CLI rows check the
// message a user sees.
//
// The failures are real. main() moves the test into a mount namespace of its own (as root; else
// in a user namespace, where the test is root of its own mounts), so it can mount a 64 KiB tmpfs
// that fills up (ENOSPC) and remount it, or bind-mount a folder of the ordinary file system,
// read-only (EROFS). Both work for root, for whom permission bits mean nothing. Where no
// namespace can be made, the disk-full rows use a file size limit (RLIMIT_FSIZE, EFBIG) and the
// read-only rows a folder without write permission, which only stops non-root users.

namespace {

enum class Isolation { None, MountNamespace, UserNamespace };
Isolation g_isolation = Isolation::None;

bool writeProcFile(const char *path, const QByteArray &text)
{
    const int fd = ::open(path, O_WRONLY);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text.constData(), size_t(text.size())) == text.size();
    ::close(fd);
    return ok;
}

// Must run before any thread exists (a multi-threaded process cannot enter a user namespace).
Isolation enterMountNamespace()
{
    Isolation how = Isolation::MountNamespace;
    if (::unshare(CLONE_NEWNS) != 0) {
        const QByteArray uid = QByteArray::number(qulonglong(::getuid()));
        const QByteArray gid = QByteArray::number(qulonglong(::getgid()));
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return Isolation::None;
        writeProcFile("/proc/self/setgroups", "deny");
        if (!writeProcFile("/proc/self/uid_map", "0 " + uid + " 1") ||
            !writeProcFile("/proc/self/gid_map", "0 " + gid + " 1"))
            return Isolation::None;
        how = Isolation::UserNamespace;
    }
    // Mounts made from now on stay in this process (and the processes it starts).
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return Isolation::None;
    return how;
}

// A mount at `dir` that is undone when the object goes (before QTemporaryDir removes `dir`).
class Mount {
public:
    Mount() = default;
    Mount(const Mount &) = delete;
    Mount &operator=(const Mount &) = delete;
    ~Mount()
    {
        if (!m_dir.isEmpty())
            ::umount2(QFile::encodeName(m_dir).constData(), MNT_DETACH);
    }

    // A tmpfs of `bytes` bytes.
    bool tmpfs(const QString &dir, qint64 bytes)
    {
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0755";
        if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                    options.constData()) != 0)
            return false;
        m_dir = dir;
        return true;
    }
    // `dir` of the ordinary file system, bound onto itself (so it can be made read-only alone).
    bool bind(const QString &dir)
    {
        const QByteArray d = QFile::encodeName(dir);
        if (::mount(d.constData(), d.constData(), nullptr, MS_BIND, nullptr) != 0)
            return false;
        m_dir = dir;
        return true;
    }
    bool makeReadOnly(bool bound)
    {
        unsigned long flags = MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV;
        if (bound)
            flags |= MS_BIND;
        return ::mount(nullptr, QFile::encodeName(m_dir).constData(), nullptr, flags, nullptr) == 0;
    }

private:
    QString m_dir;
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QByteArray filled(qint64 size, char c)
{
    return QByteArray(qsizetype(size), c);
}

// A project of about `bytes` bytes (cues of 60 characters).
QByteArray projectBytes(qint64 bytes, const QString &word)
{
    ProjectData p;
    for (qint64 i = 0; i * 200 < bytes; ++i) {
        Cue c;
        c.start = i * 1000;
        c.end = c.start + 900;
        c.text = word.repeated(60 / int(word.size()));
        p.cues.append(c);
    }
    return serializeProject(p);
}

// A folder for the current data row.
QString rowDir(const QTemporaryDir &tmp)
{
    QString name = QString::fromLatin1(QTest::currentDataTag());
    for (QChar &c : name) {
        if (!c.isLetterOrNumber())
            c = u'-';
    }
    return tmp.filePath(name);
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// What every failed write must satisfy.
void checkFailure(const Result<void> &written, const QString &path, const QString &cause)
{
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::IoError);
    QCOMPARE(written.error().file, path);
    const QString shown = written.error().toString(); // what the editor and the CLI print
    QVERIFY2(shown.startsWith(path + u": "), qPrintable(shown));
    // The cause in the system's words (strerror), not Qt's "Unknown error".
    QVERIFY2(written.error().message.contains(cause), qPrintable(shown));
}

} // namespace

class TestWriteFailures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readOnlyDirectory_data();
    void readOnlyDirectory();
    void fullDisk_data();
    void fullDisk();
    void cliReportsTheFile_data();
    void cliReportsTheFile();

private:
    QTemporaryDir m_tmp;
};

void TestWriteFailures::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    switch (g_isolation) {
    case Isolation::MountNamespace:
        qInfo("real failures: a mount namespace (tmpfs for ENOSPC, read-only mounts for EROFS)");
        break;
    case Isolation::UserNamespace:
        qInfo("real failures: a user and mount namespace (tmpfs for ENOSPC, read-only mounts)");
        break;
    case Isolation::None:
        qInfo("no mount namespace here: RLIMIT_FSIZE for full disks, chmod for read-only");
        break;
    }
    ::signal(SIGXFSZ, SIG_IGN); // the fallback's file size limit: fail the write, not the test
}

void TestWriteFailures::readOnlyDirectory_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("bind");       // a read-only bind mount of the disk, else a tmpfs
    QTest::addColumn<bool>("hasOldFile"); // a previous version exists

    QTest::newRow("project over its previous version, read-only tmpfs")
        << u"talk.captioneer"_s << false << true;
    QTest::newRow("SubRip export over its previous version, read-only folder on disk")
        << u"talk.srt"_s << true << true;
    QTest::newRow("WebVTT export as a new file, read-only folder on disk")
        << u"talk.vtt"_s << true << false;
    QTest::newRow("autosave description, read-only tmpfs") << u"session.json"_s << false << true;
}

void TestWriteFailures::readOnlyDirectory()
{
    QFETCH(QString, name);
    QFETCH(bool, bind);
    QFETCH(bool, hasOldFile);
    const QString dir = rowDir(m_tmp);
    QVERIFY(QDir().mkpath(dir));
    const QString path = dir + u'/' + name;
    const QByteArray oldBytes = projectBytes(4000, u"old "_s);
    const QByteArray newBytes = projectBytes(6000, u"new "_s);

    Mount mount;
    if (g_isolation != Isolation::None)
        QVERIFY(bind ? mount.bind(dir) : mount.tmpfs(dir, 1024 * 1024));
    if (hasOldFile)
        QVERIFY(writeFileAtomically(path, oldBytes).ok());
    const QStringList before = entries(dir);
    if (g_isolation != Isolation::None) {
        QVERIFY(mount.makeReadOnly(bind));
    } else {
        if (::geteuid() == 0)
            QSKIP("root without a mount namespace: nothing here is read-only for root");
        QVERIFY(QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    }

    const Result<void> written = writeFileAtomically(path, newBytes);
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    checkFailure(written, path,
                 g_isolation != Isolation::None ? u"Read-only file system"_s
                                                : u"Permission denied"_s);
    QCOMPARE(entries(dir), before); // no temporary file, no new file
    if (hasOldFile)
        QCOMPARE(readAll(path), oldBytes);
    else
        QVERIFY(!QFile::exists(path));
}

void TestWriteFailures::fullDisk_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("oldSize"); // 0: no previous version
    QTest::addColumn<qint64>("newSize");
    QTest::addColumn<bool>("fillUp"); // a filler file takes all the space that is left

    // The file system has 64 KiB.
    QTest::newRow("project larger than the free space")
        << u"talk.captioneer"_s << qint64(20000) << qint64(60000) << false;
    QTest::newRow("smaller SubRip version on a disk with nothing free")
        << u"talk.srt"_s << qint64(20000) << qint64(100) << true;
    QTest::newRow("autosave project on a disk with nothing free")
        << u"0b6e.captioneer"_s << qint64(8000) << qint64(9000) << true;
    QTest::newRow("new WebVTT file on a disk with nothing free")
        << u"talk.vtt"_s << qint64(0) << qint64(3000) << true;
}

void TestWriteFailures::fullDisk()
{
    QFETCH(QString, name);
    QFETCH(qint64, oldSize);
    QFETCH(qint64, newSize);
    QFETCH(bool, fillUp);
    const qint64 diskSize = 64 * 1024;
    const QString dir = rowDir(m_tmp);
    QVERIFY(QDir().mkpath(dir));
    const QString path = dir + u'/' + name;
    const QByteArray oldBytes = filled(oldSize, 'o');
    const QByteArray newBytes = filled(newSize, 'n');

    Mount mount;
    if (g_isolation != Isolation::None)
        QVERIFY(mount.tmpfs(dir, diskSize));
    if (oldSize > 0)
        QVERIFY(writeFileAtomically(path, oldBytes).ok());
    if (fillUp && g_isolation != Isolation::None) {
        QFile filler(dir + u"/filler"_s);
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'f');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();
        QCOMPARE(QStorageInfo(dir).bytesAvailable(), 0);
    }
    const QStringList before = entries(dir);
    const qint64 freeBefore = QStorageInfo(dir).bytesAvailable();

    rlimit saved{};
    if (g_isolation == Isolation::None) { // a limit below the new version's size
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        rlimit limit = saved;
        limit.rlim_cur = rlim_t(fillUp ? 0 : diskSize - oldSize);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    }
    const Result<void> written = writeFileAtomically(path, newBytes);
    if (g_isolation == Isolation::None)
        ::setrlimit(RLIMIT_FSIZE, &saved);

    checkFailure(written, path,
                 g_isolation != Isolation::None ? u"No space left on device"_s
                                                : u"File too large"_s);
    QCOMPARE(entries(dir), before);
    if (oldSize > 0)
        QCOMPARE(readAll(path), oldBytes);
    else
        QVERIFY(!QFile::exists(path));
    // The failed attempt gave back what it took (its temporary file is gone) ...
    if (g_isolation != Isolation::None)
        QCOMPARE(QStorageInfo(dir).bytesAvailable(), freeBefore);
    // ... and once there is room, the same write succeeds.
    QFile::remove(dir + u"/filler"_s);
    if (g_isolation != Isolation::None && newSize > diskSize - oldSize - 8192)
        QVERIFY(QFile::remove(path));
    QVERIFY(writeFileAtomically(path, newBytes).ok());
    QCOMPARE(readAll(path), newBytes);
}

void TestWriteFailures::cliReportsTheFile_data()
{
    QTest::addColumn<bool>("full"); // a full disk, else a read-only directory
    QTest::newRow("convert onto a full disk") << true;
    QTest::newRow("convert into a read-only directory") << false;
}

// The command line prints the error (file and cause) and keeps the old output.
void TestWriteFailures::cliReportsTheFile()
{
    QFETCH(bool, full);
    if (g_isolation == Isolation::None)
        QSKIP("needs a mount namespace: the limits of the fallbacks do not reach a child process");
    const QString dir = m_tmp.filePath(full ? u"cli-full"_s : u"cli-readonly"_s);
    QVERIFY(QDir().mkpath(dir));
    const QString input = m_tmp.filePath(u"input.srt"_s);
    QByteArray srt;
    for (int i = 0; i < 400; ++i)
        srt += QByteArray::number(i + 1) + "\n00:00:0" + QByteArray::number(i % 10) +
               ",000 --> 00:00:0" + QByteArray::number(i % 10) +
               ",500\nA line of subtitle text that takes up room.\n\n";
    QVERIFY(writeFileAtomically(input, srt).ok());
    const QString output = dir + u"/output.vtt"_s;
    const QByteArray oldBytes = "WEBVTT\n\n00:00.000 --> 00:01.000\nThe previous version.\n";

    Mount mount;
    QVERIFY(mount.tmpfs(dir, full ? 16 * 1024 : 1024 * 1024));
    QVERIFY(writeFileAtomically(output, oldBytes).ok());
    if (!full)
        QVERIFY(mount.makeReadOnly(false));

    QProcess cli;
    cli.start(QStringLiteral(CAPTIONEER_EXE), {u"convert"_s, input, output});
    QVERIFY(cli.waitForFinished(60000));
    const QString err = QString::fromLocal8Bit(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains(output), qPrintable(err));
    QVERIFY2(err.contains(u"captioneer: "_s + output + u": Cannot write the file: "_s),
             qPrintable(err));
    QVERIFY2(err.contains(full ? u"No space left on device"_s : u"Read-only file system"_s),
             qPrintable(err));
    QVERIFY2(err.contains(u"The previous version was kept."_s), qPrintable(err));
    QCOMPARE(readAll(output), oldBytes);
    QCOMPARE(entries(dir), QStringList{u"output.vtt"_s});
}

int main(int argc, char **argv)
{
    g_isolation = enterMountNamespace(); // before QCoreApplication starts any thread
    QCoreApplication app(argc, argv);
    TestWriteFailures test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_writefailures.moc"
