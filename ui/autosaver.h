#pragma once

#include "projectformat.h"
#include "result.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class Document;
class QLockFile;

// Crash-safe autosave of one open document. Each window has a session in the autosave directory:
//   <session>.captioneer  the whole document as a project (written with QSaveFile, so it is always
//                         either the previous or the new complete version)
//   <session>.json        where the document came from and when it was saved
//   <session>.lock        a QLockFile held while the window lives
// A session whose lock is stale (its process died) is an orphan: the next start offers to restore
// it. Saves every interval (60 s) and when the application loses focus, only when something
// changed; a document that is saved (unmodified) has no autosave. GUI thread only.
class Autosaver : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;

    struct Orphan {
        QString session;     // file name stem
        QString projectPath; // the autosaved project
        QString originPath;  // the file the document was opened from or saved to; may be empty
        QDateTime savedAt;   // UTC
        QString directory;
    };

    explicit Autosaver(Document *document, QObject *parent = nullptr);
    ~Autosaver() override;

    // $XDG_STATE_HOME/captioneer/autosave (default ~/.local/state/captioneer/autosave).
    static QString defaultDirectory();
    // Call before start(). Empty: defaultDirectory().
    void setDirectory(const QString &directory);
    QString directory() const { return m_directory; }
    void setIntervalMs(int ms);
    // Creates the session and its lock and starts the timer. False (with failed()) when the
    // directory cannot be used; the editor keeps working without autosave.
    bool start();
    QString projectPath() const;

    // Writes the document now if it changed since the last autosave (or `force`).
    Result<void> saveNow(bool force = false);
    // Removes this session's autosave (after a successful save, or a deliberate close).
    void discard();
    qint64 saveCount() const { return m_saves; }

    // Orphaned sessions in `directory` with a loadable age, newest first. Sessions whose process
    // still runs are not listed.
    static QList<Orphan> findOrphans(const QString &directory);
    static Result<ProjectData> loadOrphan(const Orphan &orphan);
    static void removeOrphan(const Orphan &orphan);

Q_SIGNALS:
    void saved(const QString &projectPath);
    void failed(const QString &message);

private:
    QString pathFor(const QString &suffix) const;

    QPointer<Document> m_document;
    QString m_directory;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_timer;
    bool m_changed = false;
    bool m_hasFile = false;
    qint64 m_saves = 0;
};
