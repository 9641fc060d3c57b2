#include "transcribedialog.h"

#include "mediainfo.h"
#include "profilestore.h"
#include "rulepreset.h"
#include "timecode.h"
#include "transcriptionpipeline.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {

// Languages offered first; any ISO 639-1 code can be typed.
const char *const kLanguages[] = {"en", "zh", "yue", "ja", "ko", "de", "fr", "es", "it",
                                  "pt", "ru", "ar",  "hi", "nl", "sv", "tr", "vi", "th"};

} // namespace

TranscribeDialog::TranscribeDialog(const QStringList &mediaPaths,
                                   std::pair<qint64, qint64> selection, bool documentHasCues,
                                   const QString &presetId, QWidget *parent)
    : QDialog(parent)
    , m_media(mediaPaths)
    , m_selection(selection)
    , m_provider(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_context(new QLineEdit(this))
    , m_preset(new QComboBox(this))
    , m_rangeAll(new QRadioButton(tr("&Whole file"), this))
    , m_rangeSelection(new QRadioButton(this))
    , m_apply(new QComboBox(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(mediaPaths.size() == 1
                       ? tr("Transcribe %1").arg(QFileInfo(mediaPaths.first()).fileName())
                       : tr("Transcribe %n file(s)", nullptr, int(mediaPaths.size())));
    QSettings settings;
    ProfileStore store(&settings);
    for (const ProviderProfile &p : store.all()) {
        if (p.kind == u"espeak")
            continue; // speech only
        m_profiles.append(p);
        m_provider->addItem(p.displayName, p.id);
    }
    m_provider->setObjectName(QStringLiteral("provider"));
    m_model->setEditable(true);
    m_model->setObjectName(QStringLiteral("model"));
    m_language->setEditable(true);
    m_language->addItem(tr("Detect automatically"), QString());
    for (const char *code : kLanguages) {
        const QString id = QString::fromLatin1(code);
        QString name = QLocale(id).nativeLanguageName();
        if (name.isEmpty())
            name = id;
        m_language->addItem(QStringLiteral("%1 (%2)").arg(name, id), id);
    }
    m_context->setPlaceholderText(tr("Names, terms, topic: helps recognition where supported"));
    for (const RulePreset &p : builtinPresets())
        m_preset->addItem(p.name, p.id);
    if (const int i = m_preset->findData(presetId); i >= 0)
        m_preset->setCurrentIndex(i);
    const bool hasSelection = selection.second > selection.first && mediaPaths.size() == 1;
    m_rangeSelection->setText(
        hasSelection ? tr("&Selected range %1 – %2")
                           .arg(formatTimestamp(selection.first), formatTimestamp(selection.second))
                     : tr("&Selected range (select cues first)"));
    m_rangeSelection->setEnabled(hasSelection);
    m_rangeAll->setChecked(true);
    m_apply->addItem(tr("Replace all cues"), int(TranscriptionJobSpec::Apply::ReplaceAll));
    m_apply->addItem(tr("Replace the cues in the range"),
                     int(TranscriptionJobSpec::Apply::ReplaceRange));
    m_apply->addItem(tr("Add to the existing cues"), int(TranscriptionJobSpec::Apply::Merge));
    m_apply->setEnabled(documentHasCues && mediaPaths.size() == 1);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("summary"));

    auto *range = new QVBoxLayout;
    range->addWidget(m_rangeAll);
    range->addWidget(m_rangeSelection);
    auto *form = new QFormLayout;
    form->addRow(tr("&Provider"), m_provider);
    form->addRow(tr("&Model"), m_model);
    form->addRow(tr("&Language"), m_language);
    form->addRow(tr("&Context"), m_context);
    form->addRow(tr("Rule p&reset"), m_preset);
    form->addRow(tr("Range"), range);
    form->addRow(tr("&Result"), m_apply);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *start = buttons->addButton(tr("&Transcribe"), QDialogButtonBox::AcceptRole);
    start->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings s;
        ProfileStore(&s).setLastUsed(currentProfile().id);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (const QString &path : mediaPaths) {
        m_bytes += QFileInfo(path).size();
        if (auto info = probeMedia(path))
            m_durationMs += info->durationMs;
    }
    connect(m_provider, &QComboBox::currentIndexChanged, this, &TranscribeDialog::providerChanged);
    connect(m_rangeSelection, &QRadioButton::toggled, this, &TranscribeDialog::updateSummary);
    connect(m_model, &QComboBox::currentTextChanged, this, &TranscribeDialog::updateSummary);
    selectProvider(store.lastUsed());
    providerChanged();
}

bool TranscribeDialog::selectProvider(const QString &id)
{
    const int i = m_provider->findData(id);
    if (i < 0)
        return false;
    m_provider->setCurrentIndex(i);
    providerChanged();
    return true;
}

ProviderProfile TranscribeDialog::currentProfile() const
{
    ProviderProfile p = m_profiles.value(m_provider->currentIndex());
    if (!m_model->currentText().trimmed().isEmpty())
        p.model = m_model->currentText().trimmed();
    return p;
}

void TranscribeDialog::providerChanged()
{
    const ProviderProfile p = m_profiles.value(m_provider->currentIndex());
    const ProviderCapabilities caps = p.capabilities();
    m_model->blockSignals(true);
    m_model->clear();
    QStringList models = caps.models;
    if (!p.model.isEmpty() && !models.contains(p.model))
        models.prepend(p.model);
    m_model->addItems(models);
    m_model->setCurrentText(p.model);
    m_model->blockSignals(false);
    m_language->setEnabled(caps.language);
    m_context->setEnabled(caps.prompt);
    const QString language = p.options.value(QStringLiteral("language")).toString();
    if (const int i = m_language->findData(language); i >= 0)
        m_language->setCurrentIndex(i);
    m_context->setText(p.options.value(QStringLiteral("prompt")).toString());
    updateSummary();
}

void TranscribeDialog::updateSummary()
{
    const ProviderProfile p = currentProfile();
    const ProviderCapabilities caps = p.capabilities();
    QStringList lines;
    qint64 duration = m_durationMs;
    if (m_rangeSelection->isChecked())
        duration = m_selection.second - m_selection.first;
    lines << tr("%1 of audio, %2 on disk.")
                 .arg(formatTimestamp(duration).section(u'.', 0, 0),
                      QLocale().formattedDataSize(m_bytes));
    // The plan for the first file (the others are treated the same way).
    if (!m_media.isEmpty()) {
        if (auto info = probeMedia(m_media.first())) {
            PipelineOptions options;
            if (m_rangeSelection->isChecked()) {
                options.rangeStartMs = m_selection.first;
                options.rangeEndMs = m_selection.second;
            }
            const bool needsVad = !caps.timed() ||
                                  (caps.maxDurationMs > 0 && duration > caps.maxDurationMs) ||
                                  (caps.maxUploadBytes > 0 && m_bytes > caps.maxUploadBytes);
            if (needsVad) {
                // The exact cut points come from the silences, found when the job starts.
                const qint64 chunkMs = caps.maxDurationMs > 0 ? caps.maxDurationMs : 600000;
                lines << (caps.timed()
                              ? tr("Will be transcoded and cut at silences into about %n "
                                   "chunk(s).",
                                   nullptr,
                                   int(std::max<qint64>(1, (duration + chunkMs - 1) / chunkMs)))
                              : tr("This provider returns text without times: the audio is sent "
                                   "in speech segments of a few seconds, timed by them."));
            } else {
                lines << planTranscription(*info, caps, options, nullptr).summary();
            }
        }
    }
    QStringList limits;
    if (caps.maxUploadBytes > 0)
        limits << tr("%1 per request").arg(QLocale().formattedDataSize(caps.maxUploadBytes));
    if (caps.maxDurationMs > 0)
        limits << tr("%1 per request").arg(formatTimestamp(caps.maxDurationMs).section(u'.', 0, 0));
    if (caps.wordTimestamps)
        limits << tr("word times");
    else if (caps.segmentTimestamps)
        limits << tr("segment times only");
    if (caps.speakers)
        limits << tr("speakers");
    if (caps.streaming)
        limits << tr("streams text as it goes");
    if (!limits.isEmpty())
        lines << tr("%1: %2.").arg(p.displayName, limits.join(QStringLiteral(", ")));
    m_summary->setText(lines.join(u'\n'));
}

QString TranscribeDialog::summary() const
{
    return m_summary->text();
}

QList<TranscriptionJobSpec> TranscribeDialog::specs() const
{
    QList<TranscriptionJobSpec> out;
    for (const QString &path : m_media) {
        TranscriptionJobSpec spec;
        spec.mediaPath = path;
        spec.profile = currentProfile();
        if (m_language->isEnabled()) {
            // A typed code that is not in the list is taken as it is.
            const bool listed =
                m_language->currentIndex() >= 0 &&
                m_language->itemText(m_language->currentIndex()) == m_language->currentText();
            spec.options.base.language =
                listed ? m_language->currentData().toString() : m_language->currentText().trimmed();
        }
        spec.options.base.prompt = m_context->isEnabled() ? m_context->text() : QString();
        if (m_rangeSelection->isChecked()) {
            spec.options.rangeStartMs = m_selection.first;
            spec.options.rangeEndMs = m_selection.second;
        }
        spec.presetId = m_preset->currentData().toString();
        spec.apply = m_apply->isEnabled()
                         ? TranscriptionJobSpec::Apply(m_apply->currentData().toInt())
                         : TranscriptionJobSpec::Apply::ReplaceAll;
        out.append(spec);
    }
    return out;
}
