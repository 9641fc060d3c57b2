#pragma once

#include <QDialog>

class QKeySequenceEdit;
class QLabel;
class QTreeWidget;
class ShortcutMap;

// Lists every action with its shortcuts and lets the user change them: pick an action, press the
// new keys, and see which other action already uses them. Changes apply at once and are stored
// by the ShortcutMap. Also the in-app keyboard reference (Help ▸ Keyboard Shortcuts).
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(ShortcutMap *map, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QKeySequenceEdit *editor() const { return m_edit; }

private:
    void fill();
    void selectionChanged();
    void assign(const QKeySequence &sequence);
    QString currentId() const;

    ShortcutMap *m_map;
    QTreeWidget *m_list;
    QKeySequenceEdit *m_edit;
    QLabel *m_conflict;
};
