#pragma once

#include "result.h"
#include "word.h"

#include <QString>

#include <atomic>
#include <memory>

// Where the PocketSphinx model files are. Any PocketSphinx acoustic model, language model and
// pronunciation dictionary work, so users can add other languages.
struct SphinxModel {
    QString acousticModel; // directory (-hmm)
    QString languageModel; // .lm.bin or .lm (-lm)
    QString dictionary;    // .dict (-dict)

    static SphinxModel debianDefault(); // the pocketsphinx-en-us package
    // Clear error naming the missing file and the Debian package that provides it.
    Result<void> check() const;
};

// One PocketSphinx decoder (loads the model once; ~1 s). Not thread-safe: one per worker thread.
class SphinxRecognizer {
public:
    static Result<std::unique_ptr<SphinxRecognizer>> create(const SphinxModel &model);
    ~SphinxRecognizer();
    SphinxRecognizer(const SphinxRecognizer &) = delete;
    SphinxRecognizer &operator=(const SphinxRecognizer &) = delete;

    // Recognises one utterance of 16 kHz mono 16-bit samples. Words get times in ms from
    // `offsetMs` (10 ms frames), fillers and silences are dropped, alternate-pronunciation marks
    // ("read(2)") removed, and confidence is the word's posterior probability when available.
    // `cancel` (may be null) stops with ErrorCode::Cancelled.
    Result<Words> recognize(const qint16 *samples, qint64 count, qint64 offsetMs,
                            const std::atomic_bool *cancel = nullptr);

private:
    struct Impl;
    explicit SphinxRecognizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};
