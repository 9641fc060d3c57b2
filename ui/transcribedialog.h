#pragma once

#include "providerprofile.h"
#include "transcriptionjob.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// The compact "Transcribe" panel: provider (the last used, `local` on first run), model,
// language, context, rule preset, whole file or the selected time range, and what to do with the
// result. Before starting it says what will happen (duration, size, sent as is / transcoded / cut
// into N chunks for this provider's limits) and the provider's limits. Produces a job spec; the
// window queues it. Reads profiles from ProfileStore (QSettings). GUI thread only.
class TranscribeDialog : public QDialog {
    Q_OBJECT
public:
    // `selection`: the selected time range in ms (start < end), or {0, 0} when there is none.
    TranscribeDialog(const QStringList &mediaPaths, std::pair<qint64, qint64> selection,
                     bool documentHasCues, const QString &presetId, QWidget *parent = nullptr);

    // One spec per media file, from the current choices.
    QList<TranscriptionJobSpec> specs() const;
    QComboBox *providerBox() const { return m_provider; }
    QComboBox *modelBox() const { return m_model; }
    QComboBox *languageBox() const { return m_language; }
    QLineEdit *contextEdit() const { return m_context; }
    QRadioButton *selectionButton() const { return m_rangeSelection; }
    QString summary() const;
    // Chooses a provider by profile id (tests, command line); false when unknown.
    bool selectProvider(const QString &id);

private:
    void providerChanged();
    void updateSummary();
    ProviderProfile currentProfile() const;

    QStringList m_media;
    std::pair<qint64, qint64> m_selection;
    QList<ProviderProfile> m_profiles;
    QComboBox *m_provider;
    QComboBox *m_model;
    QComboBox *m_language;
    QLineEdit *m_context;
    QComboBox *m_preset;
    QRadioButton *m_rangeAll;
    QRadioButton *m_rangeSelection;
    QComboBox *m_apply;
    QLabel *m_summary;
    qint64 m_durationMs = 0;
    qint64 m_bytes = 0;
};
