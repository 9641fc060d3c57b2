#pragma once

#include <QMainWindow>

class CueTableModel;
class Document;
class QTableView;

// The editor window. Owns the open document. GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    // Opens a subtitle or project file; errors are shown to the user and returned.
    bool openFile(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void updateTitle();
    bool maybeDiscardChanges();

    Document *m_document;
    CueTableModel *m_model;
    QTableView *m_table;
};
