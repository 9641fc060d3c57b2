#include "autosaver.h"

#include "document.h"
#include "subtitlefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QUndoStack>
#include <QUuid>

#include <algorithm>

namespace {

QString lockPath(const QString &directory, const QString &session)
{
    return directory + u'/' + session + QStringLiteral(".lock");
}

// Only a dead owner makes a lock stale: age must not, since a window may stay open for days.
std::unique_ptr<QLockFile> makeLock(const QString &path)
{
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

Autosaver::Autosaver(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_directory(defaultDirectory())
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)saveNow(); });
    auto markChanged = [this] { m_changed = true; };
    connect(document->undoStack(), &QUndoStack::indexChanged, this, markChanged);
    connect(document, &Document::transcriptChanged, this, markChanged);
    connect(document, &Document::mediaChanged, this, markChanged);
    connect(document, &Document::loaded, this, markChanged);
    connect(document, &Document::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard(); // saved: the file on disk is the newest version
    });
    if (auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        connect(app, &QGuiApplication::applicationStateChanged, this,
                [this](Qt::ApplicationState state) {
                    if (state != Qt::ApplicationActive)
                        (void)saveNow(); // failures are reported by failed()
                });
    }
}

Autosaver::~Autosaver()
{
    if (m_lock)
        m_lock->unlock();
}

QString Autosaver::defaultDirectory()
{
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/captioneer/autosave");
}

void Autosaver::setDirectory(const QString &directory)
{
    m_directory = directory.isEmpty() ? defaultDirectory() : directory;
}

void Autosaver::setIntervalMs(int ms)
{
    m_timer.setInterval(std::max(1, ms));
}

QString Autosaver::pathFor(const QString &suffix) const
{
    return m_directory + u'/' + m_session + suffix;
}

QString Autosaver::projectPath() const
{
    return m_session.isEmpty() ? QString() : pathFor(QStringLiteral(".captioneer"));
}

bool Autosaver::start()
{
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT failed(tr("Autosave is off: cannot create the folder %1.").arg(m_directory));
        return false;
    }
    m_session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_lock = makeLock(lockPath(m_directory, m_session));
    if (!m_lock->tryLock(0)) {
        Q_EMIT failed(tr("Autosave is off: cannot lock a file in %1.").arg(m_directory));
        m_lock.reset();
        m_session.clear();
        return false;
    }
    m_timer.start();
    return true;
}

Result<void> Autosaver::saveNow(bool force)
{
    if (!m_document || m_session.isEmpty())
        return {};
    if (!force && (!m_changed || !m_document->isModified()))
        return {};
    QJsonObject info{
        {QStringLiteral("origin"), m_document->filePath()},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("pid"), qint64(QCoreApplication::applicationPid())},
    };
    // The description first: a crash between the two writes leaves the previous project, which
    // the description still describes well enough (same origin).
    if (auto r = writeFileAtomically(pathFor(QStringLiteral(".json")),
                                     QJsonDocument(info).toJson(QJsonDocument::Compact));
        !r) {
        Q_EMIT failed(r.error().message);
        return r;
    }
    if (auto r = writeFileAtomically(projectPath(), serializeProject(m_document->toProject()));
        !r) {
        Q_EMIT failed(r.error().message);
        return r;
    }
    m_changed = false;
    m_hasFile = true;
    ++m_saves;
    Q_EMIT saved(projectPath());
    return {};
}

void Autosaver::discard()
{
    if (m_session.isEmpty())
        return;
    QFile::remove(projectPath());
    QFile::remove(pathFor(QStringLiteral(".json")));
    m_hasFile = false;
    m_changed = false;
}

QList<Autosaver::Orphan> Autosaver::findOrphans(const QString &directory)
{
    QList<Orphan> out;
    const QDir dir(directory);
    const QStringList projects =
        dir.entryList({QStringLiteral("*.captioneer")}, QDir::Files, QDir::Name);
    for (const QString &name : projects) {
        const QString session = QFileInfo(name).completeBaseName();
        // A live session holds its lock; taking it proves the owner is gone.
        auto lock = makeLock(lockPath(directory, session));
        if (!lock->tryLock(0))
            continue;
        lock->unlock();
        Orphan o;
        o.session = session;
        o.directory = directory;
        o.projectPath = dir.filePath(name);
        QFile info(dir.filePath(session + QStringLiteral(".json")));
        if (info.open(QIODevice::ReadOnly)) {
            const QJsonObject obj = QJsonDocument::fromJson(info.readAll()).object();
            o.originPath = obj.value(QStringLiteral("origin")).toString();
            o.savedAt = QDateTime::fromString(obj.value(QStringLiteral("savedAt")).toString(),
                                              Qt::ISODateWithMs);
        }
        if (!o.savedAt.isValid())
            o.savedAt = QFileInfo(o.projectPath).lastModified().toUTC();
        out.append(o);
    }
    std::sort(out.begin(), out.end(),
              [](const Orphan &a, const Orphan &b) { return a.savedAt > b.savedAt; });
    return out;
}

Result<ProjectData> Autosaver::loadOrphan(const Orphan &orphan)
{
    auto loaded = readSubtitleFile(orphan.projectPath, {SubtitleFormat::Project, {}, {}});
    if (!loaded)
        return loaded.error();
    if (!loaded->project)
        return makeError(ErrorCode::ParseError, tr("The autosave is not a project."));
    return *loaded->project;
}

void Autosaver::removeOrphan(const Orphan &orphan)
{
    const QDir dir(orphan.directory);
    QFile::remove(orphan.projectPath);
    QFile::remove(dir.filePath(orphan.session + QStringLiteral(".json")));
    QFile::remove(dir.filePath(orphan.session + QStringLiteral(".lock")));
}
