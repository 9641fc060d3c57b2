#include "espeaksynthesizer.h"

#include "tempofilter.h"

#include <QCoreApplication>
#include <QCoroFuture>
#include <QtConcurrent>

#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <mutex>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(EspeakSynthesizer)
};

std::mutex &espeakMutex()
{
    static std::mutex m;
    return m;
}

// Sample rate after initialisation, 0 when eSpeak NG could not start. Called with the mutex held.
int initialised()
{
    static int rate = -1;
    if (rate < 0) {
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
        if (rate <= 0)
            rate = 0;
    }
    return rate;
}

struct SynthState {
    std::vector<float> samples;
    const std::atomic_bool *cancel = nullptr;
};

int collect(short *wav, int count, espeak_EVENT *events)
{
    auto *state = static_cast<SynthState *>(events ? events->user_data : nullptr);
    if (!state)
        return 0;
    for (int i = 0; i < count && wav; ++i)
        state->samples.push_back(float(wav[i]) / 32768.0f);
    return state->cancel && state->cancel->load() ? 1 : 0; // 1 aborts synthesis
}

Error noEngine()
{
    return makeError(
        ErrorCode::NotFound,
        Tr::tr("eSpeak NG could not start. Install the Debian package espeak-ng-data."));
}

} // namespace

Result<QList<EspeakVoice>> espeakVoices()
{
    std::lock_guard lock(espeakMutex());
    if (initialised() == 0)
        return noEngine();
    QList<EspeakVoice> out;
    for (const espeak_VOICE **v = espeak_ListVoices(nullptr); v && *v; ++v) {
        // `languages` is a list of (priority byte, NUL-terminated name), ended by a zero byte.
        const char *lang = (*v)->languages;
        out.append({QString::fromUtf8((*v)->name), QString::fromUtf8(lang ? lang + 1 : "")});
    }
    return out;
}

Result<SynthesizedSpeech> espeakSynthesize(const QString &text, const QString &voice, double speed,
                                           const std::atomic_bool *cancel)
{
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("There is no text to speak."));
    if (!(speed >= 0.25 && speed <= 4.0))
        return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("The speaking speed must be between 0.25 and 4.0 (got %1).").arg(speed));
    const double wantedWpm = espeakRATE_NORMAL * speed;
    const int wpm =
        int(std::clamp(std::lround(wantedWpm), long(espeakRATE_MINIMUM), long(espeakRATE_MAXIMUM)));
    SynthState state;
    state.cancel = cancel;
    int rate = 0;
    {
        std::lock_guard lock(espeakMutex());
        rate = initialised();
        if (rate == 0)
            return noEngine();
        const QString wanted = voice.isEmpty() ? QStringLiteral("en") : voice;
        // eSpeak NG falls back silently for unknown names, so check against its own list:
        // a language ("en-us"), a language family ("en" for "en-gb"), or a voice name.
        bool known = false;
        for (const espeak_VOICE **v = espeak_ListVoices(nullptr); v && *v && !known; ++v) {
            const QString language = QString::fromUtf8((*v)->languages ? (*v)->languages + 1 : "");
            known = language.compare(wanted, Qt::CaseInsensitive) == 0 ||
                    language.startsWith(wanted + u'-', Qt::CaseInsensitive) ||
                    QString::fromUtf8((*v)->name).compare(wanted, Qt::CaseInsensitive) == 0;
        }
        const QByteArray name = wanted.toUtf8();
        if (!known || espeak_SetVoiceByName(name.constData()) != EE_OK)
            return makeError(ErrorCode::InvalidArgument,
                             Tr::tr("eSpeak NG has no voice \"%1\".").arg(voice));
        espeak_SetParameter(espeakRATE, wpm, 0);
        espeak_SetSynthCallback(collect);
        const QByteArray utf8 = text.toUtf8();
        const espeak_ERROR r = espeak_Synth(utf8.constData(), size_t(utf8.size()) + 1, 0,
                                            POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &state);
        espeak_Synchronize();
        if (r != EE_OK)
            return makeError(ErrorCode::Internal,
                             Tr::tr("eSpeak NG could not synthesise the text."));
    }
    if (cancel && cancel->load())
        return makeError(ErrorCode::Cancelled, Tr::tr("Cancelled."));

    SynthesizedSpeech out;
    out.sampleRate = rate;
    out.format = QStringLiteral("pcm");
    const double residual = wantedWpm / wpm; // what eSpeak's rate range could not do
    if (std::abs(residual - 1.0) > 0.01 && !state.samples.empty()) {
        auto tempo = TempoFilter::create(
            rate, std::clamp(residual, TempoFilter::kMinSpeed, TempoFilter::kMaxSpeed));
        if (!tempo)
            return tempo.error();
        if (auto p =
                (*tempo)->process(state.samples.data(), qint64(state.samples.size()), out.samples);
            !p)
            return p.error();
        if (auto f = (*tempo)->flush(out.samples); !f)
            return f.error();
    } else {
        out.samples = std::move(state.samples);
    }
    return out;
}

QCoro::Task<Result<SynthesizedSpeech>>
LocalSpeechClient::synthesize(SpeechRequest request, std::shared_ptr<HttpControl> control)
{
    auto cancel = std::make_shared<std::atomic_bool>(control->isCancelled());
    QObject::connect(control.get(), &HttpControl::cancelled, control.get(),
                     [cancel] { *cancel = true; });
    QFuture<Result<SynthesizedSpeech>> future = QtConcurrent::run([request, cancel] {
        return espeakSynthesize(request.text, request.voice, request.speed, cancel.get());
    });
    co_return co_await future;
}
