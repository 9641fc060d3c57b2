#include "sphinxrecognizer.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include <algorithm>
#include <mutex>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SphinxRecognizer)
};

// PocketSphinx logs verbosely to stderr; silence it once for the whole process.
void quietLogs()
{
    static std::once_flag once;
    std::call_once(once, [] { err_set_logfp(nullptr); });
}

bool isFiller(const QString &w)
{
    return w.startsWith(u'<') || w.startsWith(u'[') || w.startsWith(u"++") || w.isEmpty();
}

} // namespace

SphinxModel SphinxModel::debianDefault()
{
    const QString base = QStringLiteral("/usr/share/pocketsphinx/model/en-us");
    return {base + QStringLiteral("/en-us"), base + QStringLiteral("/en-us.lm.bin"),
            base + QStringLiteral("/cmudict-en-us.dict")};
}

Result<void> SphinxModel::check() const
{
    const QString hint =
        Tr::tr("Install the Debian package pocketsphinx-en-us, or choose model files "
               "in Settings.");
    if (!QFileInfo(acousticModel + QStringLiteral("/mdef")).exists())
        return makeError(ErrorCode::NotFound,
                         Tr::tr("The speech recognition model is missing: %1.").arg(acousticModel) +
                             u' ' + hint);
    for (const QString &f : {languageModel, dictionary}) {
        if (!QFileInfo(f).isFile())
            return makeError(ErrorCode::NotFound,
                             Tr::tr("The speech recognition model is missing: %1.").arg(f) + u' ' +
                                 hint);
    }
    return {};
}

struct SphinxRecognizer::Impl {
    cmd_ln_t *config = nullptr;
    ps_decoder_t *decoder = nullptr;
    ~Impl()
    {
        if (decoder)
            ps_free(decoder);
        if (config)
            cmd_ln_free_r(config);
    }
};

SphinxRecognizer::SphinxRecognizer(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}
SphinxRecognizer::~SphinxRecognizer() = default;

Result<std::unique_ptr<SphinxRecognizer>> SphinxRecognizer::create(const SphinxModel &model)
{
    if (auto ok = model.check(); !ok)
        return ok.error();
    quietLogs();
    auto d = std::make_unique<Impl>();
    const QByteArray hmm = model.acousticModel.toLocal8Bit();
    const QByteArray lm = model.languageModel.toLocal8Bit();
    const QByteArray dict = model.dictionary.toLocal8Bit();
    d->config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.constData(), "-lm",
                            lm.constData(), "-dict", dict.constData(), nullptr);
    if (!d->config)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("The speech recognition model settings are not valid."));
    d->decoder = ps_init(d->config);
    if (!d->decoder)
        return makeError(
            ErrorCode::ParseError,
            Tr::tr("The speech recognition model could not be loaded (are the files from "
                   "the same model?)."));
    return std::unique_ptr<SphinxRecognizer>(new SphinxRecognizer(std::move(d)));
}

Result<Words> SphinxRecognizer::recognize(const qint16 *samples, qint64 count, qint64 offsetMs,
                                          const std::atomic_bool *cancel)
{
    if (ps_start_utt(d->decoder) < 0)
        return makeError(ErrorCode::Internal, Tr::tr("The recogniser could not start."));
    // The whole utterance in one call (full_utt): normalisation (CMN) then uses the utterance's
    // own mean, as PocketSphinx's batch decoder does, instead of a running estimate; measured on
    // the LibriVox clips this is the difference between matching the batch decoder's accuracy and
    // trailing it. Utterances are short (see LocalTranscriptionOptions::maxUtteranceMs), so
    // cancellation is checked per utterance.
    if (cancel && cancel->load()) {
        ps_end_utt(d->decoder);
        return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));
    }
    if (ps_process_raw(d->decoder, reinterpret_cast<const int16 *>(samples), size_t(count), FALSE,
                       TRUE) < 0) {
        ps_end_utt(d->decoder);
        return makeError(ErrorCode::Internal, Tr::tr("The recogniser failed on this audio."));
    }
    ps_end_utt(d->decoder);

    Words words;
    logmath_t *lmath = ps_get_logmath(d->decoder);
    for (ps_seg_t *seg = ps_seg_iter(d->decoder); seg; seg = ps_seg_next(seg)) {
        QString text = QString::fromUtf8(ps_seg_word(seg));
        if (isFiller(text))
            continue;
        if (const qsizetype paren = text.indexOf(u'('); paren > 0)
            text.truncate(paren);
        int sf = 0, ef = 0;
        ps_seg_frames(seg, &sf, &ef);
        int32 ascr = 0, lscr = 0, lback = 0;
        const int32 posterior = ps_seg_prob(seg, &ascr, &lscr, &lback);
        Word w;
        w.start = offsetMs + qint64(sf) * 10;
        w.end = offsetMs + qint64(ef + 1) * 10;
        w.text = text;
        const double p = logmath_exp(lmath, posterior);
        if (p > 0.0 && p <= 1.0)
            w.confidence = float(p);
        words.append(w);
    }
    return words;
}
