#include "shortcutsdialog.h"

#include "shortcutmap.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

ShortcutsDialog::ShortcutsDialog(ShortcutMap *map, QWidget *parent)
    : QDialog(parent)
    , m_map(map)
    , m_list(new QTreeWidget(this))
    , m_edit(new QKeySequenceEdit(this))
    , m_conflict(new QLabel(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *filter = new QLineEdit(this);
    filter->setPlaceholderText(tr("Filter actions"));
    filter->setClearButtonEnabled(true);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_conflict->setWordWrap(true);

    auto *clear = new QPushButton(tr("&Clear"), this);
    auto *reset = new QPushButton(tr("Reset &All"), this);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(new QLabel(tr("Press keys:"), this));
    editRow->addWidget(m_edit, 1);
    editRow->addWidget(clear);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(reset, QDialogButtonBox::ResetRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(filter);
    layout->addWidget(m_list, 1);
    layout->addLayout(editRow);
    layout->addWidget(m_conflict);
    layout->addWidget(buttons);
    resize(560, 600);

    fill();
    connect(filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_list->topLevelItem(i);
            item->setHidden(!item->text(0).contains(text, Qt::CaseInsensitive) &&
                            !item->text(1).contains(text, Qt::CaseInsensitive));
        }
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ShortcutsDialog::selectionChanged);
    connect(m_edit, &QKeySequenceEdit::editingFinished, this,
            [this] { assign(m_edit->keySequence()); });
    connect(clear, &QPushButton::clicked, this, [this] { assign({}); });
    connect(reset, &QPushButton::clicked, this, [this] {
        m_map->resetToDefaults();
        fill();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ShortcutsDialog::fill()
{
    const QString current = currentId();
    m_list->clear();
    for (const ShortcutMap::Entry &e : m_map->entries()) {
        if (!e.action)
            continue;
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, ShortcutMap::plainText(e.action));
        item->setText(1,
                      QKeySequence::listToString(e.action->shortcuts(), QKeySequence::NativeText));
        item->setData(0, Qt::UserRole, e.id);
        if (e.id == current)
            m_list->setCurrentItem(item);
    }
}

QString ShortcutsDialog::currentId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void ShortcutsDialog::selectionChanged()
{
    const QList<QKeySequence> current = m_map->shortcuts(currentId());
    m_edit->setKeySequence(current.value(0));
    m_conflict->clear();
}

void ShortcutsDialog::assign(const QKeySequence &sequence)
{
    const QString id = currentId();
    if (id.isEmpty())
        return;
    QList<QKeySequence> list;
    if (!sequence.isEmpty())
        list << sequence;
    m_map->setShortcuts(id, list);
    QStringList names;
    for (const QString &other : m_map->conflicts(sequence, id))
        names << ShortcutMap::plainText(m_map->action(other));
    m_conflict->setText(names.isEmpty()
                            ? QString()
                            : tr("Also used by: %1. A shortcut used twice does nothing until one "
                                 "of them is changed.")
                                  .arg(names.join(QStringLiteral(", "))));
    fill();
}
