#include "mainwindow.h"

#include "cuetablemodel.h"
#include "document.h"
#include "subtitlefile.h"
#include "track.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_model(new CueTableModel(m_document, this))
    , m_table(new QTableView(this))
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    setCentralWidget(m_table);
    createActions();
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    updateTitle();
    resize(1100, 700);
    statusBar()->showMessage(tr("Open a subtitle file or drop media to begin."));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open subtitles"), {},
            tr("Subtitles (*.srt *.vtt *.json *.captioneer);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Captioneer"), this, [this] {
        QMessageBox::about(this, tr("About Captioneer"),
                           tr("<b>Captioneer %1</b><p>Transcription and subtitle editing.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

bool MainWindow::openFile(const QString &path)
{
    auto loaded = readSubtitleFile(path, {});
    if (!loaded) {
        QMessageBox::warning(this, tr("Cannot open file"), loaded.error().toString());
        return false;
    }
    if (auto r = m_document->load(loaded->data.cues, loaded->data.meta,
                                  loaded->project ? loaded->project->transcript : Transcript{});
        !r) {
        QMessageBox::warning(this, tr("Cannot open file"), r.error().toString());
        return false;
    }
    m_document->setFilePath(path);
    statusBar()->showMessage(tr("Loaded %n cue(s) from %1.", nullptr, m_document->track()->count())
                                 .arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::updateTitle()
{
    const QString name = m_document->filePath().isEmpty()
                             ? tr("Untitled")
                             : QFileInfo(m_document->filePath()).fileName();
    setWindowTitle(QStringLiteral("%1[*] — Captioneer").arg(name));
    setWindowModified(m_document->isModified());
}

bool MainWindow::maybeDiscardChanges()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The document has unsaved changes. Discard them?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeDiscardChanges())
        event->accept();
    else
        event->ignore();
}
