// Runs Captioneer's offline recogniser (`local` provider) on media files and prints one hypothesis
// line per file in PocketSphinx's "words (utterance-id)" format on stdout, and timing on stderr.
// usage: bench_local_asr WORKERS FILE...   Used by run_offline_bench.py; not a test.
#include "localtranscriber.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_local_asr WORKERS FILE...\n");
        return 2;
    }
    LocalTranscriptionOptions options;
    options.workers = args[1].toInt();
    for (int i = 2; i < args.size(); ++i) {
        QElapsedTimer timer;
        timer.start();
        std::atomic_bool cancel = false;
        auto result = transcribeLocally(args[i], options, &cancel);
        if (!result) {
            std::fprintf(stderr, "%s\n", qPrintable(result.error().toString()));
            return 1;
        }
        std::printf("%s (%s)\n", qPrintable(result->text.toLower()),
                    qPrintable(QFileInfo(args[i]).completeBaseName()));
        std::fprintf(stderr, "{\"file\": \"%s\", \"wall_ms\": %lld, \"audio_ms\": %lld}\n",
                     qPrintable(args[i]), timer.elapsed(), result->duration);
    }
    return 0;
}
