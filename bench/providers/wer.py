#!/usr/bin/env python3
"""Word error rate of hypotheses against PocketSphinx-style reference transcriptions.
usage: wer.py REFERENCE HYPOTHESES   (lines: 'words ... (utterance-id)' ; <s> </s> ignored)"""
import re, sys
def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(.*)\((\S+?)(?:\s+-?\d+)?\)\s*$", line.strip())
        if not m: continue
        words = [w for w in m.group(1).lower().split() if w not in ("<s>", "</s>", "<sil>")]
        words = [re.sub(r"\(\d+\)$", "", w) for w in words]
        out[m.group(2)] = words
    return out
def edits(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
    return d[len(b)]
ref, hyp = load(sys.argv[1]), load(sys.argv[2])
errors = total = 0
for uid, words in ref.items():
    e = edits(words, hyp.get(uid, []))
    errors += e; total += len(words)
    print(f"{uid}: {e}/{len(words)}")
print(f"WER {100.0 * errors / total:.1f}% ({errors}/{total})")
