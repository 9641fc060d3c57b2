<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AudioBytes</name>
    <message>
        <source>The audio format &quot;%1&quot; is not supported.</source>
        <translation>不支持音频格式“%1”。</translation>
    </message>
    <message>
        <source>The audio data is empty.</source>
        <translation>音频数据为空。</translation>
    </message>
    <message>
        <source>Raw PCM audio needs a sample rate.</source>
        <translation>原始 PCM 音频需要指定采样率。</translation>
    </message>
    <message>
        <source>Could not write a temporary file for decoding audio.</source>
        <translation>无法写入用于解码音频的临时文件。</translation>
    </message>
    <message>
        <source>The %1 audio could not be decoded: %2</source>
        <translation>无法解码 %1 音频：%2</translation>
    </message>
</context>
<context>
    <name>AudioDecoder</name>
    <message>
        <source>Decoding stopped at %1 s because the file is damaged.</source>
        <translation>文件已损坏，解码在 %1 秒处停止。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The file contains no audio.</source>
        <translation>文件不含音频。</translation>
    </message>
    <message>
        <source>Stream %1 is not an audio stream of this file.</source>
        <translation>流 %1 不是此文件中的音频流。</translation>
    </message>
    <message>
        <source>There is no decoder for the audio codec &quot;%1&quot;.</source>
        <translation>没有可用于音频编解码器“%1”的解码器。</translation>
    </message>
    <message>
        <source>The audio stream cannot be decoded.</source>
        <translation>无法解码该音频流。</translation>
    </message>
    <message>
        <source>The audio stream has no valid sample rate or channel count.</source>
        <translation>该音频流没有有效的采样率或声道数。</translation>
    </message>
    <message>
        <source>Channel %1 does not exist; the stream has %2 channel(s).</source>
        <translation>声道 %1 不存在；该流共有 %2 个声道。</translation>
    </message>
    <message>
        <source>The audio cannot be converted.</source>
        <translation>无法转换该音频。</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>Autosave is off: cannot create the folder %1.</source>
        <translation>自动保存已关闭：无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Autosave is off: cannot lock a file in %1.</source>
        <translation>自动保存已关闭：无法锁定 %1 中的文件。</translation>
    </message>
    <message>
        <source>The autosave is not a project.</source>
        <translation>自动保存的文件不是项目。</translation>
    </message>
</context>
<context>
    <name>CheckCommand</name>
    <message>
        <source>Unknown preset &quot;%1&quot; (known: %2).</source>
        <translation>未知预设“%1”（可用：%2）。</translation>
    </message>
    <message>
        <source>Checks subtitles against a readability preset (line length, line count, characters per second, minimum and maximum duration, minimum gap, overlap, empty text, low-confidence words) and lists every violation with its cue, value and limit.
Exit status: 0 no violation, 1 violations found or the file could not be read, 2 usage.</source>
        <translation>按可读性预设检查字幕（行长、行数、每秒字符数、最短和最长时长、最小间隔、重叠、空文本、低置信度词），并列出每一处违规及其所在字幕、实际值和限值。
退出状态：0 无违规，1 发现违规或无法读取文件，2 用法错误。</translation>
    </message>
    <message>
        <source>Subtitle file (SRT, WebVTT, JSON or project), or - for standard input.</source>
        <translation>字幕文件（SRT、WebVTT、JSON 或项目），- 表示标准输入。</translation>
    </message>
    <message>
        <source>Rule preset: %1 (default: the project&apos;s preset, else chosen by language).</source>
        <translation>规则预设：%1（默认：项目的预设，否则按语言选择）。</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>以 JSON 而非文本输出。</translation>
    </message>
    <message>
        <source>Input format: srt, vtt, json or captioneer.</source>
        <translation>输入格式：srt、vtt、json 或 captioneer。</translation>
    </message>
    <message>
        <source>Encoding of the input (default: detected).</source>
        <translation>输入的编码（默认：自动检测）。</translation>
    </message>
    <message>
        <source>Report words recognised with a confidence below this (0 to 1; 0 turns the check off; default: a threshold for the provider that made the transcript).</source>
        <translation>报告识别置信度低于此值的词（0 到 1；0 表示关闭此项检查；默认：按生成转写稿的服务商设定阈值）。</translation>
    </message>
    <message>
        <source>check needs one subtitle file (see captioneer check --help).</source>
        <translation>check 需要一个字幕文件（参见 captioneer check --help）。</translation>
    </message>
    <message>
        <source>--min-confidence needs a number from 0 to 1.</source>
        <translation>--min-confidence 需要 0 到 1 之间的数字。</translation>
    </message>
    <message>
        <source>Unknown input format &quot;%1&quot;.</source>
        <translation>未知的输入格式“%1”。</translation>
    </message>
    <message>
        <source>%1: cue %2 (%3): %4: %5
</source>
        <translation>%1：第 %2 条字幕（%3）：%4：%5
</translation>
    </message>
    <message>
        <source>%1: no violations in %2 cues (%3).
</source>
        <translation>%1：%2 条字幕均无违规（%3）。
</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n violation(s) in %2 of %3 cues (%4).
</source>
        <translation>
            <numerusform>%1：%3 条字幕中有 %2 条存在违规，共 %n 处（%4）。
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChunkEncoder</name>
    <message>
        <source>The range cannot start before 0 s.</source>
        <translation>范围的起点不能早于 0 秒。</translation>
    </message>
    <message>
        <source>The range end (%1 ms) must be after its start (%2 ms).</source>
        <translation>范围的终点（%1 毫秒）必须晚于起点（%2 毫秒）。</translation>
    </message>
    <message>
        <source>The bitrate cannot be negative (%1 b/s).</source>
        <translation>码率不能为负数（%1 b/s）。</translation>
    </message>
    <message>
        <source>The sample rate must be positive, not %1 Hz.</source>
        <translation>采样率必须为正数，而不是 %1 Hz。</translation>
    </message>
    <message>
        <source>%1 encoding is not available: this FFmpeg has no %2 encoder (Debian packages: %3).</source>
        <translation>无法使用 %1 编码：此 FFmpeg 没有 %2 编码器（Debian 软件包：%3）。</translation>
    </message>
    <message>
        <source>%1 cannot be encoded at %2 Hz; supported rates (Hz): %3.</source>
        <translation>%1 无法以 %2 Hz 编码；支持的采样率（Hz）：%3。</translation>
    </message>
    <message>
        <source>The %1 encoder takes no supported sample format.</source>
        <translation>%1 编码器不接受任何受支持的采样格式。</translation>
    </message>
    <message>
        <source>The %1 container is not available.</source>
        <translation>%1 容器格式不可用。</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>内存不足。</translation>
    </message>
    <message>
        <source>The %1 encoder cannot be opened.</source>
        <translation>无法打开 %1 编码器。</translation>
    </message>
    <message>
        <source>The encoded audio cannot be written.</source>
        <translation>无法写入编码后的音频。</translation>
    </message>
    <message>
        <source>The %1 encoder failed.</source>
        <translation>%1 编码器出错。</translation>
    </message>
    <message>
        <source>The range starts at %1 s, after the end of the audio.</source>
        <translation>范围起点为 %1 秒，已超出音频末尾。</translation>
    </message>
    <message>
        <source>The range starts at %1 s, after the end of the audio (%2 s).</source>
        <translation>范围起点为 %1 秒，已超出音频末尾（%2 秒）。</translation>
    </message>
    <message>
        <source>The range is shorter than one sample.</source>
        <translation>范围短于一个采样。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The output file cannot be created.</source>
        <translation>无法创建输出文件。</translation>
    </message>
    <message>
        <source>The output file cannot be written.</source>
        <translation>无法写入输出文件。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>Cannot read the file: %1.</source>
        <translation>无法读取文件：%1。</translation>
    </message>
    <message>
        <source>The file is too large (%1 MB).</source>
        <translation>文件过大（%1 MB）。</translation>
    </message>
    <message>
        <source>The input is too large.</source>
        <translation>输入过大。</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>无法写入标准输出。</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message numerus="yes">
        <source>Connected to %1: %n model(s) available.</source>
        <translation>
            <numerusform>已连接到 %1：有 %n 个可用模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>The offline engine is ready.</source>
        <translation>离线引擎已就绪。</translation>
    </message>
    <message>
        <source>%1 needs an API key. Enter it and try again.</source>
        <translation>%1 需要 API 密钥。请填写后重试。</translation>
    </message>
    <message>
        <source>%1: choose a region (or a workspace id) first.</source>
        <translation>%1：请先选择地域（或填写业务空间 ID）。</translation>
    </message>
    <message>
        <source>Connected to %1; the key is accepted.</source>
        <translation>已连接到 %1；密钥有效。</translation>
    </message>
    <message>
        <source>Connected to %1 (it has no model list, which is fine).</source>
        <translation>已连接到 %1（该服务不提供模型列表，这没有问题）。</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
</context>
<context>
    <name>ConvertCommand</name>
    <message>
        <source>Converts subtitles between SubRip (.srt), WebVTT (.vtt), JSON and Captioneer projects.
Formats follow the file extensions unless --from/--to say otherwise; &quot;-&quot; is standard input or output. Cues are written in time order.
Exit status: 0 success, 1 bad input (the message names the file and line), 2 usage.</source>
        <translation>在 SubRip（.srt）、WebVTT（.vtt）、JSON 和 Captioneer 项目之间转换字幕。
格式由文件扩展名决定，除非用 --from/--to 另行指定；“-”表示标准输入或标准输出。字幕按时间顺序写出。
退出状态：0 成功，1 输入有误（消息会指出文件和行号），2 用法错误。</translation>
    </message>
    <message>
        <source>Input file, or - for standard input.</source>
        <translation>输入文件，- 表示标准输入。</translation>
    </message>
    <message>
        <source>Output file, or - for standard output.</source>
        <translation>输出文件，- 表示标准输出。</translation>
    </message>
    <message>
        <source>Input format: srt, vtt, json or captioneer.</source>
        <translation>输入格式：srt、vtt、json 或 captioneer。</translation>
    </message>
    <message>
        <source>Output format: srt, vtt, json or captioneer.</source>
        <translation>输出格式：srt、vtt、json 或 captioneer。</translation>
    </message>
    <message>
        <source>Encoding of the input (default: detected), e.g. UTF-8, GB18030, Big5, Shift_JIS, windows-1252.</source>
        <translation>输入的编码（默认：自动检测），例如 UTF-8、GB18030、Big5、Shift_JIS、windows-1252。</translation>
    </message>
    <message>
        <source>Encoding of SubRip output (default UTF-8; WebVTT and JSON are always UTF-8).</source>
        <translation>SubRip 输出的编码（默认 UTF-8；WebVTT 和 JSON 始终为 UTF-8）。</translation>
    </message>
    <message>
        <source>Fail on the first problem instead of skipping what cannot be read.</source>
        <translation>遇到第一个问题即报错退出，而不是跳过无法读取的内容。</translation>
    </message>
    <message>
        <source>Rule preset for --resegment, also stored in project output: %1 (default: the project&apos;s preset, else chosen by language).</source>
        <translation>--resegment 使用的规则预设，也会保存到输出的项目中：%1（默认：项目的预设，否则按语言选择）。</translation>
    </message>
    <message>
        <source>Re-segment the cues into readable subtitles under the preset, from the words that JSON and project files keep; cues without words are split by their text, with approximate timing.</source>
        <translation>按预设把字幕重新断句为易读的字幕，依据 JSON 和项目文件中保存的词；没有词信息的字幕按文本拆分，时间为近似值。</translation>
    </message>
    <message>
        <source>convert needs an input and an output (see captioneer convert --help).</source>
        <translation>convert 需要一个输入和一个输出（参见 captioneer convert --help）。</translation>
    </message>
    <message>
        <source>Unknown input format &quot;%1&quot;.</source>
        <translation>未知的输入格式“%1”。</translation>
    </message>
    <message>
        <source>Unknown output format &quot;%1&quot;.</source>
        <translation>未知的输出格式“%1”。</translation>
    </message>
    <message>
        <source>Cannot tell the output format from &quot;%1&quot;; use --to.</source>
        <translation>无法从“%1”判断输出格式；请使用 --to。</translation>
    </message>
    <message>
        <source>%1: some cues have no word timings; their new cues are timed by their characters (approximate).</source>
        <translation>%1：部分字幕没有词级时间；由它们生成的新字幕按字符数估算时间（近似值）。</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No keychain service (Secret Service or KWallet) is running, so keys can only come from environment variables.</source>
        <translation>没有运行中的密钥环服务（Secret Service 或 KWallet），因此密钥只能来自环境变量。</translation>
    </message>
    <message>
        <source>Access to the keychain was denied.</source>
        <translation>访问密钥环被拒绝。</translation>
    </message>
    <message>
        <source>No API key is stored for %1; set %2 or add the key in Settings.</source>
        <translation>未为 %1 保存 API 密钥；请设置 %2，或在“设置”中添加密钥。</translation>
    </message>
    <message>
        <source>%1 Set %2 to use %3.</source>
        <translation>%1设置 %2 以使用 %3。</translation>
    </message>
</context>
<context>
    <name>CueEdit</name>
    <message>
        <source>The split point must lie inside the cue.</source>
        <translation>拆分点必须位于字幕之内。</translation>
    </message>
    <message>
        <source>A cue can only be split between two of its words.</source>
        <translation>字幕只能在两个词之间拆分。</translation>
    </message>
    <message>
        <source>A cue must start at or after 0 and end at or after its start.</source>
        <translation>字幕的开始时间不能早于 0，结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>The two synchronisation points must be at different times.</source>
        <translation>两个同步点的时间必须不同。</translation>
    </message>
    <message>
        <source>The synchronisation points would reverse the order of the cues.</source>
        <translation>这两个同步点会颠倒字幕的顺序。</translation>
    </message>
    <message>
        <source>Frame rates must be positive numbers.</source>
        <translation>帧率必须为正数。</translation>
    </message>
    <message>
        <source>The change would move a cue before the start of the media.</source>
        <translation>此更改会把字幕移到媒体开始之前。</translation>
    </message>
</context>
<context>
    <name>CueEditor</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>结束(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>时长(&amp;D)</translation>
    </message>
    <message>
        <source>Reading speed</source>
        <translation>阅读速度</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Visible characters per line (limit %1)</source>
        <translation>每行可见字符数（上限 %1）</translation>
    </message>
    <message>
        <source>%1 chars/s</source>
        <translation>%1 字符/秒</translation>
    </message>
    <message>
        <source>Limit %1 characters per second</source>
        <translation>上限为每秒 %1 个字符</translation>
    </message>
</context>
<context>
    <name>CueTableModel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>CPS</source>
        <translation>每秒字符数</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>DashScope</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>DashScope could not fetch the audio: a URL must be publicly reachable.</source>
        <translation>DashScope 无法获取音频：URL 必须可公开访问。</translation>
    </message>
    <message>
        <source>DashScope could not transcribe the file: %1</source>
        <translation>DashScope 无法转写该文件：%1</translation>
    </message>
    <message>
        <source>DashScope reported the task as done but named no result.</source>
        <translation>DashScope 报告任务已完成，但没有给出结果。</translation>
    </message>
    <message>
        <source>DashScope named an invalid result address.</source>
        <translation>DashScope 给出的结果地址无效。</translation>
    </message>
    <message>
        <source>The result of DashScope task %1 is no longer available (DashScope keeps results for 24 hours). Transcribe the file again.</source>
        <translation>DashScope 任务 %1 的结果已不可用（DashScope 只保留结果 24 小时）。请重新转写该文件。</translation>
    </message>
    <message>
        <source>The DashScope task %1 was cancelled.</source>
        <translation>DashScope 任务 %1 已被取消。</translation>
    </message>
    <message>
        <source>DashScope does not know the task %1: it does not exist or has expired (results are kept for 24 hours).</source>
        <translation>DashScope 找不到任务 %1：任务不存在或已过期（结果保留 24 小时）。</translation>
    </message>
    <message>
        <source>Shutting down.</source>
        <translation>正在关闭。</translation>
    </message>
    <message>
        <source>%1 cannot translate to English.</source>
        <translation>%1 无法翻译成英语。</translation>
    </message>
    <message>
        <source>DashScope accepted the file but sent no task id.</source>
        <translation>DashScope 接受了文件，但没有返回任务 ID。</translation>
    </message>
    <message>
        <source>The stored DashScope task is incomplete.</source>
        <translation>保存的 DashScope 任务信息不完整。</translation>
    </message>
    <message>
        <source>The results of DashScope task %1 have expired (they are kept for 24 hours). Transcribe the file again.</source>
        <translation>DashScope 任务 %1 的结果已过期（结果保留 24 小时）。请重新转写该文件。</translation>
    </message>
    <message>
        <source>DashScope sent a web page instead of %1.</source>
        <translation>DashScope 返回了网页，而不是%1。</translation>
    </message>
    <message>
        <source>DashScope sent an empty answer instead of %1.</source>
        <translation>DashScope 返回了空响应，而不是%1。</translation>
    </message>
    <message>
        <source>DashScope sent something that is not %1.</source>
        <translation>DashScope 返回的内容不是%1。</translation>
    </message>
    <message>
        <source>a task status</source>
        <translation>任务状态</translation>
    </message>
    <message>
        <source>DashScope&apos;s task status names neither a task nor a state.</source>
        <translation>DashScope 返回的任务状态中既没有任务也没有状态。</translation>
    </message>
    <message>
        <source>a transcription</source>
        <translation>转写结果</translation>
    </message>
    <message>
        <source>DashScope&apos;s transcription has no transcripts.</source>
        <translation>DashScope 返回的转写结果中没有转写稿。</translation>
    </message>
    <message>
        <source>an upload policy</source>
        <translation>上传策略</translation>
    </message>
    <message>
        <source>DashScope&apos;s upload policy is incomplete.</source>
        <translation>DashScope 返回的上传策略不完整。</translation>
    </message>
    <message>
        <source>a transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>DashScope&apos;s answer contains no transcript.</source>
        <translation>DashScope 的响应中没有转写稿。</translation>
    </message>
    <message>
        <source>Alibaba Fun-ASR (DashScope)</source>
        <translation>阿里巴巴 Fun-ASR（DashScope）</translation>
    </message>
    <message>
        <source>Alibaba Paraformer (DashScope)</source>
        <translation>阿里巴巴 Paraformer（DashScope）</translation>
    </message>
    <message>
        <source>Alibaba Qwen3-ASR file transcription (DashScope)</source>
        <translation>阿里巴巴 Qwen3-ASR 录音文件转写（DashScope）</translation>
    </message>
    <message>
        <source>Alibaba Qwen3-ASR-Flash (DashScope)</source>
        <translation>阿里巴巴 Qwen3-ASR-Flash（DashScope）</translation>
    </message>
    <message>
        <source>Alibaba Qwen3-ASR-Flash (DashScope, OpenAI-compatible mode)</source>
        <translation>阿里巴巴 Qwen3-ASR-Flash（DashScope，OpenAI 兼容模式）</translation>
    </message>
    <message>
        <source>Alibaba Qwen-Omni (DashScope)</source>
        <translation>阿里巴巴 Qwen-Omni（DashScope）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DashScope provider kind.</source>
        <translation>“%1”不是 DashScope 服务商类型。</translation>
    </message>
    <message>
        <source>The audio is too long for %1 (%2; at most %3 per request).</source>
        <translation>音频对 %1 来说太长（%2；每次请求最多 %3）。</translation>
    </message>
    <message>
        <source>The audio file cannot be read.</source>
        <translation>无法读取音频文件。</translation>
    </message>
    <message>
        <source>The audio file is too large for %1 (%2 MB; at most about %3 MB, 10 MB after Base64 encoding).</source>
        <translation>音频文件对 %1 来说太大（%2 MB；最多约 %3 MB，Base64 编码后为 10 MB）。</translation>
    </message>
    <message>
        <source>The audio file is too large for %1 (more than 10 MB after Base64 encoding).</source>
        <translation>音频文件对 %1 来说太大（Base64 编码后超过 10 MB）。</translation>
    </message>
    <message>
        <source>The transcript stream of %1 ended before it was complete; try again.</source>
        <translation>%1 的转写流在完成前中断；请重试。</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>中国（北京）</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation>国际（新加坡）</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>美国（弗吉尼亚）</translation>
    </message>
    <message>
        <source>Workspace-dedicated host</source>
        <translation>业务空间专属域名</translation>
    </message>
    <message>
        <source>%1 uses a workspace-dedicated host but names no workspace. Set the workspace id in Settings.</source>
        <translation>%1 使用业务空间专属域名，但未指定业务空间。请在“设置”中填写业务空间 ID。</translation>
    </message>
    <message>
        <source>%1: the US region of DashScope has no OpenAI-compatible mode for this model. Use the native DashScope profile or another region.</source>
        <translation>%1：DashScope 美国地域不为此模型提供 OpenAI 兼容模式。请使用原生 DashScope 配置或其他地域。</translation>
    </message>
    <message>
        <source>%1 has no valid base URL. Choose a region or set a base URL in Settings.</source>
        <translation>%1 没有有效的基础 URL。请在“设置”中选择地域或填写基础 URL。</translation>
    </message>
    <message>
        <source>No API key is set for %1. Add one in Settings or set the environment variable %2.</source>
        <translation>未为 %1 设置 API 密钥。请在“设置”中添加，或设置环境变量 %2。</translation>
    </message>
    <message>
        <source>%1 rejected the API key (InvalidApiKey). DashScope keys work only in the region they were created in: check that the key and the region of this profile (host %2) match.</source>
        <translation>%1 拒绝了 API 密钥（InvalidApiKey）。DashScope 密钥只能在创建它的地域使用：请检查密钥与此配置的地域（主机 %2）是否一致。</translation>
    </message>
    <message>
        <source>%1 rejected the API key (InvalidApiKey). DashScope keys work only in the region they were created in: check that this key belongs to %2 (host %3), or change the region of this profile.</source>
        <translation>%1 拒绝了 API 密钥（InvalidApiKey）。DashScope 密钥只能在创建它的地域使用：请检查此密钥是否属于%2（主机 %3），或更改此配置的地域。</translation>
    </message>
    <message>
        <source>The audio file is too large for DashScope&apos;s temporary storage (%1 MB; at most %2 MB for this model).</source>
        <translation>音频文件超出 DashScope 临时存储的上限（%1 MB；此模型最多 %2 MB）。</translation>
    </message>
    <message>
        <source>DashScope named an invalid upload address.</source>
        <translation>DashScope 给出的上传地址无效。</translation>
    </message>
    <message>
        <source>DashScope asked for an upload over plain http to %1; the audio would travel unencrypted, so it was not sent.</source>
        <translation>DashScope 要求通过明文 http 上传到 %1；音频将以未加密方式传输，因此没有发送。</translation>
    </message>
    <message>
        <source>Uploading the audio to DashScope&apos;s temporary storage was refused (HTTP 403); the upload policy may have expired. Try again.</source>
        <translation>上传音频到 DashScope 临时存储被拒绝（HTTP 403）；上传策略可能已过期。请重试。</translation>
    </message>
    <message>
        <source>Uploading the audio to DashScope&apos;s temporary storage failed (HTTP %1).</source>
        <translation>上传音频到 DashScope 临时存储失败（HTTP %1）。</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>There is no cue with id %1.</source>
        <translation>不存在 ID 为 %1 的字幕。</translation>
    </message>
    <message>
        <source>A cue must start at or after 0 and end at or after its start.</source>
        <translation>字幕的开始时间不能早于 0，结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>Insert cue</source>
        <translation>插入字幕</translation>
    </message>
    <message>
        <source>Delete cue</source>
        <translation>删除字幕</translation>
    </message>
    <message>
        <source>Delete %1 cues</source>
        <translation>删除 %1 条字幕</translation>
    </message>
    <message>
        <source>Change cue times</source>
        <translation>更改字幕时间</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>编辑文本</translation>
    </message>
    <message>
        <source>Set speaker</source>
        <translation>设置说话人</translation>
    </message>
    <message>
        <source>Split cue</source>
        <translation>拆分字幕</translation>
    </message>
    <message>
        <source>The last cue has no next cue.</source>
        <translation>最后一条字幕之后没有下一条。</translation>
    </message>
    <message>
        <source>Merge cues</source>
        <translation>合并字幕</translation>
    </message>
    <message>
        <source>The first cue has no previous cue.</source>
        <translation>第一条字幕之前没有上一条。</translation>
    </message>
    <message>
        <source>Shift times</source>
        <translation>平移时间</translation>
    </message>
    <message>
        <source>Change frame rate</source>
        <translation>更改帧率</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>请求 %1</translation>
    </message>
</context>
<context>
    <name>EspeakSynthesizer</name>
    <message>
        <source>eSpeak NG could not start. Install the Debian package espeak-ng-data.</source>
        <translation>eSpeak NG 无法启动。请安装 Debian 软件包 espeak-ng-data。</translation>
    </message>
    <message>
        <source>There is no text to speak.</source>
        <translation>没有要朗读的文本。</translation>
    </message>
    <message>
        <source>The speaking speed must be between 0.25 and 4.0 (got %1).</source>
        <translation>语速必须在 0.25 到 4.0 之间（当前为 %1）。</translation>
    </message>
    <message>
        <source>eSpeak NG has no voice &quot;%1&quot;.</source>
        <translation>eSpeak NG 没有语音“%1”。</translation>
    </message>
    <message>
        <source>eSpeak NG could not synthesise the text.</source>
        <translation>eSpeak NG 无法合成该文本。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>FindReplace</name>
    <message>
        <source>Nothing to search for.</source>
        <translation>没有要查找的内容。</translation>
    </message>
    <message>
        <source>The expression is not valid: %1 (at %2).</source>
        <translation>表达式无效：%1（位置 %2）。</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <source>Replace &amp;with</source>
        <translation>替换为(&amp;W)</translation>
    </message>
    <message>
        <source>Regular e&amp;xpression</source>
        <translation>正则表达式(&amp;X)</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>Whole w&amp;ords</source>
        <translation>全字匹配(&amp;O)</translation>
    </message>
    <message>
        <source>In &amp;selected cues only</source>
        <translation>仅在所选字幕中(&amp;S)</translation>
    </message>
    <message>
        <source>Find and Replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <source>With a regular expression, \1 or $1 inserts a captured group and \n a line break.</source>
        <translation>使用正则表达式时，\1 或 $1 插入捕获组，\n 插入换行。</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>Replace &amp;All</source>
        <translation>全部替换(&amp;A)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <source>Cue %1.</source>
        <translation>第 %1 条字幕。</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n time(s) in %1 cue(s).</source>
        <translation>
            <numerusform>在 %1 条字幕中替换了 %n 处。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FrameRateDialog</name>
    <message>
        <source>Change Frame Rate</source>
        <translation>更改帧率</translation>
    </message>
    <message>
        <source>Subtitles were timed for (fps)</source>
        <translation>字幕原本对应的帧率（fps）</translation>
    </message>
    <message>
        <source>The video plays at (fps)</source>
        <translation>视频的播放帧率（fps）</translation>
    </message>
</context>
<context>
    <name>HttpCall</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Shutting down.</source>
        <translation>正在关闭。</translation>
    </message>
    <message>
        <source>%1 closed the connection in the middle of its answer.</source>
        <translation>%1 在响应中途关闭了连接。</translation>
    </message>
</context>
<context>
    <name>InfoCommand</name>
    <message>
        <source>Shows what media files contain: container, duration, size, bitrate and every audio stream (codec, sample rate, channels, language). The stream Captioneer uses by default is marked.
Exit status: 0 success, 1 a file could not be read, 2 usage.</source>
        <translation>显示媒体文件的内容：容器格式、时长、大小、码率，以及每个音频流（编解码器、采样率、声道、语言）。Captioneer 默认使用的音频流会标出。
退出状态：0 成功，1 有文件无法读取，2 用法错误。</translation>
    </message>
    <message>
        <source>Media files.</source>
        <translation>媒体文件。</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>以 JSON 而非文本输出。</translation>
    </message>
    <message>
        <source>info needs at least one file (see captioneer info --help).</source>
        <translation>info 至少需要一个文件（参见 captioneer info --help）。</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry Failed Parts</source>
        <translation>重试失败部分</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>JsonCodec</name>
    <message>
        <source>a word is not an object</source>
        <translation>某个词不是对象</translation>
    </message>
    <message>
        <source>a word has invalid start_ms/end_ms</source>
        <translation>某个词的 start_ms/end_ms 无效</translation>
    </message>
    <message>
        <source>a word has a text or speaker that is not a string</source>
        <translation>某个词的 text 或 speaker 不是字符串</translation>
    </message>
    <message>
        <source>a word has a confidence that is not a number</source>
        <translation>某个词的 confidence 不是数字</translation>
    </message>
    <message>
        <source>it is not an object</source>
        <translation>它不是对象</translation>
    </message>
    <message>
        <source>its id is not a positive integer</source>
        <translation>它的 id 不是正整数</translation>
    </message>
    <message>
        <source>start_ms and end_ms must be integers</source>
        <translation>start_ms 和 end_ms 必须是整数</translation>
    </message>
    <message>
        <source>it must start at or after 0 and end at or after its start</source>
        <translation>其开始时间不能早于 0，结束时间不能早于开始时间</translation>
    </message>
    <message>
        <source>a text field is not a string</source>
        <translation>某个文本字段不是字符串</translation>
    </message>
    <message>
        <source>words is not an array</source>
        <translation>words 不是数组</translation>
    </message>
    <message>
        <source>&quot;cues&quot; is missing or not an array</source>
        <translation>“cues”缺失或不是数组</translation>
    </message>
    <message>
        <source>cue %1: %2</source>
        <translation>字幕 %1：%2</translation>
    </message>
    <message>
        <source>cue %1: id %2 is used twice</source>
        <translation>字幕 %1：id %2 被重复使用</translation>
    </message>
    <message>
        <source>the transcript is not an object</source>
        <translation>transcript 不是对象</translation>
    </message>
    <message>
        <source>the transcript has a field of the wrong type</source>
        <translation>transcript 中有字段类型错误</translation>
    </message>
    <message>
        <source>transcript segment %1 is not valid</source>
        <translation>转写稿第 %1 段无效</translation>
    </message>
    <message>
        <source>transcript segment %1: %2</source>
        <translation>转写稿第 %1 段：%2</translation>
    </message>
    <message>
        <source>vtt_header is not a string</source>
        <translation>vtt_header 不是字符串</translation>
    </message>
    <message>
        <source>unknown WebVTT block kind &quot;%1&quot;</source>
        <translation>未知的 WebVTT 块类型“%1”</translation>
    </message>
    <message>
        <source>media is not an object</source>
        <translation>media 不是对象</translation>
    </message>
    <message>
        <source>media has a field of the wrong type</source>
        <translation>media 中有字段类型错误</translation>
    </message>
</context>
<context>
    <name>KeyStatus</name>
    <message>
        <source>&amp;Forget Stored Key</source>
        <translation>删除已保存的密钥(&amp;F)</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>正在检查密钥环…</translation>
    </message>
    <message>
        <source>A key is set in the environment (%1).</source>
        <translation>已在环境变量中设置密钥（%1）。</translation>
    </message>
    <message>
        <source>A key is stored in the keychain (…%1).</source>
        <translation>密钥环中已保存密钥（…%1）。</translation>
    </message>
    <message>
        <source>%1 needs no API key.</source>
        <translation>%1 无需 API 密钥。</translation>
    </message>
</context>
<context>
    <name>LocalTranscriber</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Captioneer: transcribe audio and video, edit subtitles on a waveform, export SRT and WebVTT.

Without a command, opens the editor with the given files.

Commands (see captioneer COMMAND --help):
  check     Check subtitles against a readability preset
  convert   Convert subtitles between SRT, WebVTT, JSON and projects
  info      Show the container, duration and audio streams of media files
  providers List transcription and speech providers and what they can do
  speak     Speak text offline (eSpeak NG) or through a speech service
  transcribe Transcribe audio or video into timed subtitles</source>
        <translation>Captioneer：转写音频和视频，在波形上编辑字幕，导出 SRT 和 WebVTT。

不带命令时，用给定的文件打开编辑器。

命令（参见 captioneer 命令 --help）：
  check      按可读性预设检查字幕
  convert    在 SRT、WebVTT、JSON 和项目之间转换字幕
  info       显示媒体文件的容器格式、时长和音频流
  providers  列出转写和语音服务商及其功能
  speak      离线（eSpeak NG）或通过语音服务朗读文本
  transcribe 把音频或视频转写为带时间的字幕</translation>
    </message>
    <message>
        <source>Media, subtitle or project files to open.</source>
        <translation>要打开的媒体、字幕或项目文件。</translation>
    </message>
    <message>
        <source>Transcribe the media files with this provider profile right away (see captioneer providers).</source>
        <translation>立即用此服务商配置转写这些媒体文件（参见 captioneer providers）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drop media, subtitles or a project here, or use File ▸ Open.</source>
        <translation>把媒体、字幕或项目拖放到这里，或使用“文件 ▸ 打开”。</translation>
    </message>
    <message>
        <source>Cue</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation>波形</translation>
    </message>
    <message>
        <source>Transcription Jobs</source>
        <translation>转写任务</translation>
    </message>
    <message>
        <source>Cannot draw the waveform: %1</source>
        <translation>无法绘制波形：%1</translation>
    </message>
    <message>
        <source>No issues (%1)</source>
        <translation>没有问题（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n issue(s) in %1 cue(s) (%2)</source>
        <translation>
            <numerusform>%1 条字幕中有 %n 个问题（%2）</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them before closing?</source>
        <translation>%1 有未保存的更改。是否在关闭前保存？</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>此文档</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Cues…</source>
        <translation>导入字幕(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;SubRip (SRT)…</source>
        <translation>SubRip (SRT)(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;WebVTT…</source>
        <translation>WebVTT(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;JSON…</source>
        <translation>JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Insert Cue at Playhead</source>
        <translation>在播放头处插入字幕(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Delete Cues</source>
        <translation>删除字幕(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;plit at Playhead</source>
        <translation>在播放头处拆分(&amp;P)</translation>
    </message>
    <message>
        <source>Split at &amp;Cursor</source>
        <translation>在光标处拆分(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Merge with Next</source>
        <translation>与下一条合并(&amp;M)</translation>
    </message>
    <message>
        <source>Merge with Pre&amp;vious</source>
        <translation>与上一条合并(&amp;V)</translation>
    </message>
    <message>
        <source>Set &amp;Start to Playhead</source>
        <translation>将开始时间设为播放头(&amp;S)</translation>
    </message>
    <message>
        <source>Set &amp;End to Playhead</source>
        <translation>将结束时间设为播放头(&amp;E)</translation>
    </message>
    <message>
        <source>S&amp;hift Times…</source>
        <translation>平移时间(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Two-Point Sync…</source>
        <translation>两点同步(&amp;T)…</translation>
    </message>
    <message>
        <source>Change &amp;Frame Rate…</source>
        <translation>更改帧率(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>替换(&amp;E)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Next &amp;Issue</source>
        <translation>下一个问题(&amp;I)</translation>
    </message>
    <message>
        <source>Next &amp;Uncertain Word</source>
        <translation>下一个不确定的词(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Transcribe…</source>
        <translation>转写(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Re-segment with Current Preset</source>
        <translation>按当前预设重新断句(&amp;R)</translation>
    </message>
    <message>
        <source>Rename &amp;Speaker…</source>
        <translation>重命名说话人(&amp;S)…</translation>
    </message>
    <message>
        <source>Rule &amp;Preset</source>
        <translation>规则预设(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Play &amp;Cue</source>
        <translation>播放当前字幕(&amp;C)</translation>
    </message>
    <message>
        <source>Play &amp;Selection</source>
        <translation>播放所选内容(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Loop</source>
        <translation>循环(&amp;L)</translation>
    </message>
    <message>
        <source>Spea&amp;k Cue</source>
        <translation>朗读字幕(&amp;K)</translation>
    </message>
    <message>
        <source>Read the cue aloud with the speech engine chosen in Settings</source>
        <translation>用“设置”中选择的语音引擎朗读字幕</translation>
    </message>
    <message>
        <source>Speak from &amp;Here</source>
        <translation>从此处开始朗读(&amp;H)</translation>
    </message>
    <message>
        <source>Speak &amp;over the Media</source>
        <translation>叠加在媒体上朗读(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Back 1 Second</source>
        <translation>后退 1 秒(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward 1 Second</source>
        <translation>前进 1 秒(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;aster</source>
        <translation>加快(&amp;A)</translation>
    </message>
    <message>
        <source>Slo&amp;wer</source>
        <translation>减慢(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit Whole File</source>
        <translation>显示整个文件(&amp;F)</translation>
    </message>
    <message>
        <source>Waveform &amp;Taller</source>
        <translation>增高波形(&amp;T)</translation>
    </message>
    <message>
        <source>Waveform &amp;Shorter</source>
        <translation>降低波形(&amp;S)</translation>
    </message>
    <message>
        <source>Follow &amp;Playhead</source>
        <translation>跟随播放头(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Captioneer</source>
        <translation>关于 Captioneer(&amp;A)</translation>
    </message>
    <message>
        <source>About Captioneer</source>
        <translation>关于 Captioneer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Captioneer %1&lt;/b&gt;&lt;p&gt;Transcription and subtitle editing.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Captioneer %1&lt;/b&gt;&lt;p&gt;语音转写与字幕编辑。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Select the cues to delete.</source>
        <translation>请选择要删除的字幕。</translation>
    </message>
    <message>
        <source>The playhead is not inside a cue.</source>
        <translation>播放头不在任何字幕之内。</translation>
    </message>
    <message>
        <source>Select a cue to split.</source>
        <translation>请选择要拆分的字幕。</translation>
    </message>
    <message>
        <source>There is no cue before this one.</source>
        <translation>这条字幕之前没有字幕。</translation>
    </message>
    <message>
        <source>Select a cue first.</source>
        <translation>请先选择一条字幕。</translation>
    </message>
    <message>
        <source>The playhead is before the start of the cue.</source>
        <translation>播放头位于字幕开始之前。</translation>
    </message>
    <message numerus="yes">
        <source>Shifted %n cue(s).</source>
        <translation>
            <numerusform>已平移 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>Two-point sync</source>
        <translation>两点同步</translation>
    </message>
    <message>
        <source>No issues with the %1 preset.</source>
        <translation>按 %1 预设检查，没有问题。</translation>
    </message>
    <message>
        <source>“%1”: confidence %2</source>
        <translation>“%1”：置信度 %2</translation>
    </message>
    <message>
        <source>No uncertain words.</source>
        <translation>没有不确定的词。</translation>
    </message>
    <message>
        <source>Open a media file to play it.</source>
        <translation>请打开媒体文件后再播放。</translation>
    </message>
    <message>
        <source>Subtitles and projects (*.captioneer *.srt *.vtt *.json)</source>
        <translation>字幕和项目 (*.captioneer *.srt *.vtt *.json)</translation>
    </message>
    <message>
        <source>Audio and video (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.wma *.mp4 *.mkv *.mov *.webm *.avi *.mpeg *.mpg *.ts)</source>
        <translation>音频和视频 (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.wma *.mp4 *.mkv *.mov *.webm *.avi *.mpeg *.mpg *.ts)</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n cue(s) from %1.</source>
        <translation>
            <numerusform>已从 %1 载入 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read; see the file for details.</source>
        <translation>
            <numerusform>有 %n 行无法读取；详情请查看该文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>%1 is not a Captioneer project.</source>
        <translation>%1 不是 Captioneer 项目。</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1 (%n cue(s)).</source>
        <translation>
            <numerusform>已打开 %1（%n 条字幕）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The media moved; found it by its content at %1.</source>
        <translation>媒体文件已被移动；已根据内容在 %1 找到。</translation>
    </message>
    <message>
        <source>Media not found</source>
        <translation>找不到媒体</translation>
    </message>
    <message>
        <source>The media of this project, %1, is not where it was and no file with the same content is beside the project. Locate it?</source>
        <translation>此项目的媒体 %1 已不在原位置，项目旁边也没有内容相同的文件。要手动查找吗？</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>查找 %1</translation>
    </message>
    <message>
        <source>%1 is not the same file as the one this project was made with; the timing may not match.</source>
        <translation>%1 与创建此项目时使用的文件不同；时间可能对不上。</translation>
    </message>
    <message>
        <source>Cannot open media</source>
        <translation>无法打开媒体</translation>
    </message>
    <message>
        <source>Opened %1 (%2).</source>
        <translation>已打开 %1（%2）。</translation>
    </message>
    <message>
        <source>The open document has unsaved changes. Discard them and open the new file?</source>
        <translation>当前文档有未保存的更改。要放弃这些更改并打开新文件吗？</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Everything Captioneer opens (*)</source>
        <translation>Captioneer 能打开的所有文件 (*)</translation>
    </message>
    <message>
        <source>Import cues</source>
        <translation>导入字幕</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n cue(s).</source>
        <translation>
            <numerusform>已导入 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Captioneer project (*.captioneer)</source>
        <translation>Captioneer 项目 (*.captioneer)</translation>
    </message>
    <message>
        <source>SubRip (*.srt)</source>
        <translation>SubRip (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT (*.vtt)</source>
        <translation>WebVTT (*.vtt)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Choose a file name ending in .captioneer, .srt, .vtt or .json.</source>
        <translation>请选择以 .captioneer、.srt、.vtt 或 .json 结尾的文件名。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>%1
The previous version of the file, if any, is unchanged.</source>
        <translation>%1
该文件原有的版本（如果有）保持不变。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n cue(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条字幕导出到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n cue(s) meet the %1 preset.</source>
        <translation>
            <numerusform>全部 %n 条字幕均符合 %1 预设。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%2 × %1</translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s) break the %1 preset: %2.</source>
        <translation>
            <numerusform>有 %n 条字幕不符合 %1 预设：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export anyway?</source>
        <translation>仍要导出吗？</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>an untitled document</source>
        <translation>未命名文档</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>Captioneer did not close properly. An autosave of %1 from %2 has changes that were not saved. Restore it?</source>
        <translation>Captioneer 上次没有正常关闭。%2 自动保存的 %1 中有未保存的更改。要恢复吗？</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n cue(s) from the autosave.</source>
        <translation>
            <numerusform>已从自动保存中恢复 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open or drop a media file to transcribe it.</source>
        <translation>请打开或拖入媒体文件以进行转写。</translation>
    </message>
    <message>
        <source>Cannot save the transcription</source>
        <translation>无法保存转写结果</translation>
    </message>
    <message>
        <source>Transcribed %1: saved to %2.</source>
        <translation>已转写 %1：保存到 %2。</translation>
    </message>
    <message>
        <source>Transcription (%1)</source>
        <translation>转写（%1）</translation>
    </message>
    <message>
        <source>Cannot apply the transcription</source>
        <translation>无法应用转写结果</translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s) from %1.</source>
        <translation>
            <numerusform>来自 %1 的 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-segment (%1)</source>
        <translation>重新断句（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s) under the %1 preset.</source>
        <translation>
            <numerusform>按 %1 预设生成 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>No cue has a speaker yet.</source>
        <translation>还没有字幕设置了说话人。</translation>
    </message>
    <message>
        <source>Rename Speaker</source>
        <translation>重命名说话人</translation>
    </message>
    <message>
        <source>New name for %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>Select a cue to speak.</source>
        <translation>请选择要朗读的字幕。</translation>
    </message>
    <message>
        <source>Unknown provider</source>
        <translation>未知的服务商</translation>
    </message>
    <message>
        <source>There is no provider profile &quot;%1&quot; (see Tools ▸ Settings).</source>
        <translation>没有名为“%1”的服务商配置（参见“工具 ▸ 设置”）。</translation>
    </message>
</context>
<context>
    <name>MediaInfo</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>This is a folder, not a media file.</source>
        <translation>这是文件夹，不是媒体文件。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>This is not a media file Captioneer can read.</source>
        <translation>这不是 Captioneer 能读取的媒体文件。</translation>
    </message>
    <message>
        <source>The file has no audio stream.</source>
        <translation>文件没有音频流。</translation>
    </message>
    <message>
        <source>The file contains no audio.</source>
        <translation>文件不含音频。</translation>
    </message>
    <message>
        <source>File:       %1 (%2 bytes)
</source>
        <translation>文件：      %1（%2 字节）
</translation>
    </message>
    <message>
        <source>Container:  %1 (%2)
</source>
        <translation>容器：      %1（%2）
</translation>
    </message>
    <message>
        <source>Duration:   %1
</source>
        <translation>时长：      %1
</translation>
    </message>
    <message>
        <source>Bitrate:    %1 kb/s
</source>
        <translation>码率：      %1 kb/s
</translation>
    </message>
    <message>
        <source>Video:      %1
</source>
        <translation>视频：      %1
</translation>
    </message>
    <message>
        <source>Audio #%1%2: %3, %4 Hz, %5 channel(s)%6%7%8
</source>
        <translation>音频 #%1%2：%3，%4 Hz，%5 声道%6%7%8
</translation>
    </message>
    <message>
        <source> (used)</source>
        <translation>（使用中）</translation>
    </message>
    <message>
        <source>, %1 kb/s</source>
        <translation>，%1 kb/s</translation>
    </message>
</context>
<context>
    <name>OpenAiClient</name>
    <message>
        <source>%1 has no valid base URL. Set one in Settings.</source>
        <translation>%1 没有有效的基础 URL。请在“设置”中填写。</translation>
    </message>
    <message>
        <source>No API key is set for %1. Add one in Settings or set the environment variable %2.</source>
        <translation>未为 %1 设置 API 密钥。请在“设置”中添加，或设置环境变量 %2。</translation>
    </message>
    <message>
        <source>Shutting down.</source>
        <translation>正在关闭。</translation>
    </message>
    <message>
        <source>The audio file cannot be read.</source>
        <translation>无法读取音频文件。</translation>
    </message>
    <message>
        <source>The audio file is too large for %1 (%2 MB; at most %3 MB).</source>
        <translation>音频文件对 %1 来说太大（%2 MB；最多 %3 MB）。</translation>
    </message>
    <message>
        <source>%1 cannot translate to English with the model %2.</source>
        <translation>%1 无法用模型 %2 翻译成英语。</translation>
    </message>
    <message>
        <source>The temperature must be between 0 and 1.</source>
        <translation>温度必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The transcript stream ended before it was complete; try again.</source>
        <translation>转写流在完成前中断；请重试。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The service sent a web page (HTML) instead of a transcript. Check the base URL: it usually ends with the API version, such as /v1.</source>
        <translation>服务返回了网页（HTML），而不是转写稿。请检查基础 URL：它通常以 API 版本结尾，例如 /v1。</translation>
    </message>
    <message>
        <source>The service answered with an error instead of a transcript: %1</source>
        <translation>服务返回了错误，而不是转写稿：%1</translation>
    </message>
    <message>
        <source>The service sent an empty response instead of a transcript.</source>
        <translation>服务返回了空响应，而不是转写稿。</translation>
    </message>
    <message>
        <source>The response of the service ends in the middle of its JSON (truncated after %1 bytes).</source>
        <translation>服务的响应在 JSON 中途结束（在 %1 字节后被截断）。</translation>
    </message>
    <message>
        <source>The response of the service is not valid JSON (%1 at byte %2).</source>
        <translation>服务的响应不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>The response of the service is JSON but not a transcript object.</source>
        <translation>服务的响应是 JSON，但不是转写稿对象。</translation>
    </message>
    <message>
        <source>Segment %1 of the response is not an object.</source>
        <translation>响应中的第 %1 段不是对象。</translation>
    </message>
    <message>
        <source>Segment %1 of the response has no valid start and end time.</source>
        <translation>响应中的第 %1 段没有有效的开始和结束时间。</translation>
    </message>
    <message>
        <source>Word %1 of the response has no valid start and end time.</source>
        <translation>响应中的第 %1 个词没有有效的开始和结束时间。</translation>
    </message>
    <message>
        <source>The duration in the response is not a valid number.</source>
        <translation>响应中的时长不是有效数字。</translation>
    </message>
    <message>
        <source>The response has segments, words or text of the wrong type.</source>
        <translation>响应中的段、词或文本类型错误。</translation>
    </message>
    <message>
        <source>The response contains no transcript (no text, segments or words).</source>
        <translation>响应中没有转写稿（没有文本、段或词）。</translation>
    </message>
    <message>
        <source>The subtitles in the response cannot be read: %1</source>
        <translation>无法读取响应中的字幕：%1</translation>
    </message>
    <message>
        <source>The response contains no transcript text.</source>
        <translation>响应中没有转写文本。</translation>
    </message>
    <message>
        <source>The service sent a malformed event in its transcript stream.</source>
        <translation>服务在转写流中发送了格式错误的事件。</translation>
    </message>
    <message>
        <source>The transcript stream of the service ended without any text.</source>
        <translation>服务的转写流结束时没有任何文本。</translation>
    </message>
    <message>
        <source>There is no text to speak.</source>
        <translation>没有要朗读的文本。</translation>
    </message>
    <message>
        <source>The speech speed must be between 0.25 and 4.0 (it is %1).</source>
        <translation>语速必须在 0.25 到 4.0 之间（当前为 %1）。</translation>
    </message>
    <message>
        <source>%1 cannot produce the audio format &quot;%2&quot;. Choose one of: %3.</source>
        <translation>%1 无法生成音频格式“%2”。请从以下格式中选择：%3。</translation>
    </message>
    <message>
        <source>OpenAI has no voice &quot;%1&quot;. Choose one of: %2.</source>
        <translation>OpenAI 没有语音“%1”。请从以下语音中选择：%2。</translation>
    </message>
    <message>
        <source>%1 answered without audio: %2</source>
        <translation>%1 的响应中没有音频：%2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Cannot seek in the media file.</source>
        <translation>无法在媒体文件中跳转。</translation>
    </message>
    <message>
        <source>Audio output is turned off.</source>
        <translation>音频输出已关闭。</translation>
    </message>
    <message>
        <source>No audio output device is available; playback runs silently.</source>
        <translation>没有可用的音频输出设备；将静音播放。</translation>
    </message>
    <message>
        <source>The audio device does not accept 16-bit audio; playback runs silently.</source>
        <translation>音频设备不接受 16 位音频；将静音播放。</translation>
    </message>
    <message>
        <source>The audio device could not be opened; playback runs silently.</source>
        <translation>无法打开音频设备；将静音播放。</translation>
    </message>
</context>
<context>
    <name>ProjectFormat</name>
    <message>
        <source>The file is not valid JSON: %1.</source>
        <translation>文件不是有效的 JSON：%1。</translation>
    </message>
    <message>
        <source>The file does not contain a JSON object.</source>
        <translation>文件不包含 JSON 对象。</translation>
    </message>
    <message>
        <source>The project file is damaged: %1.</source>
        <translation>项目文件已损坏：%1。</translation>
    </message>
    <message>
        <source>This is not a Captioneer project file.</source>
        <translation>这不是 Captioneer 项目文件。</translation>
    </message>
    <message>
        <source>its version is missing or not a positive integer</source>
        <translation>其版本号缺失或不是正整数</translation>
    </message>
    <message>
        <source>This project was saved by a newer Captioneer (format version %1; this version reads up to %2). Update Captioneer to open it.</source>
        <translation>此项目由较新版本的 Captioneer 保存（格式版本 %1；当前版本最高可读取 %2）。请更新 Captioneer 后再打开。</translation>
    </message>
    <message>
        <source>a cue has no id</source>
        <translation>有字幕缺少 id</translation>
    </message>
    <message>
        <source>Unknown JSON subtitle format &quot;%1&quot;.</source>
        <translation>未知的 JSON 字幕格式“%1”。</translation>
    </message>
    <message>
        <source>This cue file was written by a newer Captioneer.</source>
        <translation>此字幕文件由较新版本的 Captioneer 写入。</translation>
    </message>
</context>
<context>
    <name>ProviderError</name>
    <message>
        <source>an HTML page instead of a response</source>
        <translation>返回了 HTML 网页而不是响应</translation>
    </message>
    <message>
        <source>%1 refused the request because the account has no quota or credit left. Check the plan and billing of this account.</source>
        <translation>%1 拒绝了请求：账户已无剩余额度或余额。请检查此账户的套餐和账单。</translation>
    </message>
    <message>
        <source>%1 rejected the request as invalid.</source>
        <translation>%1 认为请求无效而拒绝了它。</translation>
    </message>
    <message>
        <source>%1 rejected the API key. Check the key in Settings (and that it belongs to this provider and region).</source>
        <translation>%1 拒绝了 API 密钥。请在“设置”中检查密钥（以及它是否属于此服务商和地域）。</translation>
    </message>
    <message>
        <source>%1 refused access: the key is not allowed to use this model or service.</source>
        <translation>%1 拒绝访问：此密钥无权使用该模型或服务。</translation>
    </message>
    <message>
        <source>%1 does not know this address or model. Check the base URL and the model name.</source>
        <translation>%1 无法识别此地址或模型。请检查基础 URL 和模型名称。</translation>
    </message>
    <message>
        <source>%1 timed out waiting for the request.</source>
        <translation>%1 等待请求超时。</translation>
    </message>
    <message>
        <source>The file is too large for %1.</source>
        <translation>文件对 %1 来说太大。</translation>
    </message>
    <message>
        <source>%1 cannot read this audio format.</source>
        <translation>%1 无法读取此音频格式。</translation>
    </message>
    <message>
        <source>%1 is rate limiting requests; try again later or lower the concurrency.</source>
        <translation>%1 正在限制请求频率；请稍后重试或降低并发数。</translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2).</source>
        <translation>%1 发生服务器错误（HTTP %2）。</translation>
    </message>
    <message>
        <source>%1 answered with HTTP %2.</source>
        <translation>%1 返回了 HTTP %2。</translation>
    </message>
    <message>
        <source>%1 refused the connection. Check the base URL and that the server runs.</source>
        <translation>%1 拒绝了连接。请检查基础 URL 以及服务器是否在运行。</translation>
    </message>
    <message>
        <source>The address of %1 could not be found. Check the base URL and the network.</source>
        <translation>找不到 %1 的地址。请检查基础 URL 和网络。</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 未及时响应。</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 在响应之前关闭了连接。</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not trusted.</source>
        <translation>与 %1 的安全连接失败：其证书不受信任。</translation>
    </message>
    <message>
        <source>The base URL of %1 is not a valid http(s) address.</source>
        <translation>%1 的基础 URL 不是有效的 http(s) 地址。</translation>
    </message>
    <message>
        <source>The connection to %1 failed.</source>
        <translation>连接 %1 失败。</translation>
    </message>
</context>
<context>
    <name>ProviderProfile</name>
    <message>
        <source>Offline (PocketSphinx)</source>
        <translation>离线（PocketSphinx）</translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible server</source>
        <translation>自定义 OpenAI 兼容服务器</translation>
    </message>
    <message>
        <source>The base URL of %1 must start with https:// (or http:// for a local server).</source>
        <translation>%1 的基础 URL 必须以 https:// 开头（本地服务器可用 http://）。</translation>
    </message>
    <message>
        <source>%1 uses plain http to %2: the API key and your audio would travel unencrypted. Use https, or confirm plain http for this profile in Settings.</source>
        <translation>%1 通过明文 http 连接 %2：API 密钥和音频将以未加密方式传输。请使用 https，或在“设置”中为此配置确认使用明文 http。</translation>
    </message>
</context>
<context>
    <name>ProviderRegistry</name>
    <message>
        <source>%1 needs an API key.</source>
        <translation>%1 需要 API 密钥。</translation>
    </message>
    <message>
        <source>Captioneer cannot transcribe with providers of kind &quot;%1&quot;.</source>
        <translation>Captioneer 无法使用“%1”类型的服务商进行转写。</translation>
    </message>
    <message>
        <source>Captioneer cannot synthesise speech with providers of kind &quot;%1&quot;.</source>
        <translation>Captioneer 无法使用“%1”类型的服务商合成语音。</translation>
    </message>
    <message>
        <source>Offline (eSpeak NG)</source>
        <translation>离线（eSpeak NG）</translation>
    </message>
</context>
<context>
    <name>ProvidersCommand</name>
    <message>
        <source>%1 MB per request</source>
        <translation>每次请求 %1 MB</translation>
    </message>
    <message>
        <source>%1 min per request</source>
        <translation>每次请求 %1 分钟</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Lists the provider profiles (built-in presets and your own) with their base URL, model, where the API key comes from, and what they can do. Keys are never shown.</source>
        <translation>列出服务商配置（内置预设和你自己的配置），包括基础 URL、模型、API 密钥的来源以及支持的功能。密钥不会显示。</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>以 JSON 而非文本输出。</translation>
    </message>
    <message>
        <source>Transcription providers:
</source>
        <translation>转写服务商：
</translation>
    </message>
    <message>
        <source>word times</source>
        <translation>词级时间</translation>
    </message>
    <message>
        <source>text only (timed by speech segments)</source>
        <translation>仅文本（按语音段定时）</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>流式输出</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>在本机运行</translation>
    </message>
    <message>
        <source> (key: %1)</source>
        <translation>（密钥：%1）</translation>
    </message>
    <message>
        <source>Speech providers:
</source>
        <translation>语音服务商：
</translation>
    </message>
</context>
<context>
    <name>RuleChecker</name>
    <message>
        <source>The cue has no visible text.</source>
        <translation>字幕没有可见文本。</translation>
    </message>
    <message>
        <source>A line has %1 characters (at most %2).</source>
        <translation>有一行包含 %1 个字符（最多 %2 个）。</translation>
    </message>
    <message>
        <source>The cue has %1 lines (at most %2).</source>
        <translation>字幕有 %1 行（最多 %2 行）。</translation>
    </message>
    <message>
        <source>The cue has text but no duration.</source>
        <translation>字幕有文本但时长为零。</translation>
    </message>
    <message>
        <source>%1 characters per second (at most %2).</source>
        <translation>每秒 %1 个字符（最多 %2 个）。</translation>
    </message>
    <message>
        <source>The cue lasts %1 s (at least %2 s).</source>
        <translation>字幕持续 %1 秒（至少 %2 秒）。</translation>
    </message>
    <message>
        <source>The cue lasts %1 s (at most %2 s).</source>
        <translation>字幕持续 %1 秒（最多 %2 秒）。</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) recognised with low confidence (lowest %1).</source>
        <translation>
            <numerusform>%n 个词的识别置信度较低（最低 %1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The gap to the next cue is %1 ms (at least %2 ms).</source>
        <translation>与下一条字幕的间隔为 %1 毫秒（至少 %2 毫秒）。</translation>
    </message>
    <message>
        <source>The cue overlaps the next one by %1 ms.</source>
        <translation>字幕与下一条重叠 %1 毫秒。</translation>
    </message>
    <message>
        <source>Line too long</source>
        <translation>行过长</translation>
    </message>
    <message>
        <source>Too many lines</source>
        <translation>行数过多</translation>
    </message>
    <message>
        <source>Reading speed too high</source>
        <translation>阅读速度过快</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>过短</translation>
    </message>
    <message>
        <source>Too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>Gap too small</source>
        <translation>间隔过小</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation>空文本</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>低置信度</translation>
    </message>
</context>
<context>
    <name>RuleFixes</name>
    <message>
        <source>Extend into silence</source>
        <translation>延长到静音处</translation>
    </message>
    <message>
        <source>Shorten to the maximum duration</source>
        <translation>缩短到最长时长</translation>
    </message>
    <message>
        <source>Close the gap</source>
        <translation>消除间隔</translation>
    </message>
    <message>
        <source>Rebalance lines</source>
        <translation>重新平衡各行</translation>
    </message>
    <message>
        <source>Split cue</source>
        <translation>拆分字幕</translation>
    </message>
    <message>
        <source>Merge cues</source>
        <translation>合并字幕</translation>
    </message>
    <message>
        <source>The fix no longer applies: the cues have changed.</source>
        <translation>此修正已不适用：字幕已更改。</translation>
    </message>
    <message>
        <source>Fix all</source>
        <translation>全部修正</translation>
    </message>
</context>
<context>
    <name>RulePreset</name>
    <message>
        <source>Netflix English</source>
        <translation>Netflix 英语</translation>
    </message>
    <message>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Relaxed (online video)</source>
        <translation>宽松（网络视频）</translation>
    </message>
</context>
<context>
    <name>Segmenter</name>
    <message>
        <source>There is no cue with id %1.</source>
        <translation>不存在 ID 为 %1 的字幕。</translation>
    </message>
    <message>
        <source>Re-flow</source>
        <translation>重新断句</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>服务商(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Speech</source>
        <translation>语音(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;New Custom Server</source>
        <translation>新建自定义服务器(&amp;N)</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>provider default</source>
        <translation>服务商默认值</translation>
    </message>
    <message>
        <source>Tell &amp;speakers apart</source>
        <translation>区分说话人(&amp;S)</translation>
    </message>
    <message>
        <source>Write numbers as &amp;digits (ITN)</source>
        <translation>数字写成阿拉伯数字(&amp;D)（ITN）</translation>
    </message>
    <message>
        <source>&amp;Word timestamps</source>
        <translation>词级时间戳(&amp;W)</translation>
    </message>
    <message>
        <source>Allow plain &amp;http to this host (the key travels unencrypted)</source>
        <translation>允许以明文 http 连接此主机(&amp;H)（密钥不加密传输）</translation>
    </message>
    <message>
        <source>paste a new key to replace the stored one</source>
        <translation>粘贴新密钥以替换已保存的密钥</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>基础 URL(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>地域(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Context / prompt</source>
        <translation>上下文/提示词(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>温度(&amp;T)</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API 密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Offline (eSpeak NG)</source>
        <translation>离线（eSpeak NG）</translation>
    </message>
    <message>
        <source>Speech service (OpenAI-style /audio/speech)</source>
        <translation>语音服务（OpenAI 风格的 /audio/speech）</translation>
    </message>
    <message>
        <source>default (en for eSpeak NG, alloy for OpenAI)</source>
        <translation>默认（eSpeak NG 为 en，OpenAI 为 alloy）</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>保存在密钥环中</translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation>引擎(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>语音(&amp;V)</translation>
    </message>
    <message>
        <source>S&amp;peed</source>
        <translation>语速(&amp;P)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Interface &amp;language (after a restart)</source>
        <translation>界面语言(&amp;L)（重启后生效）</translation>
    </message>
    <message>
        <source>from the region</source>
        <translation>由地域决定</translation>
    </message>
    <message>
        <source>My server</source>
        <translation>我的服务器</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Speech service</source>
        <translation>语音服务</translation>
    </message>
</context>
<context>
    <name>ShiftTimesDialog</name>
    <message>
        <source>&amp;All cues</source>
        <translation>全部字幕(&amp;A)</translation>
    </message>
    <message>
        <source>Shift Times</source>
        <translation>平移时间</translation>
    </message>
    <message>
        <source>&amp;Selected cues</source>
        <translation>所选字幕(&amp;S)</translation>
    </message>
    <message>
        <source>Later with +, earlier with -; for example -1.5 or +0:01:02.250</source>
        <translation>用 + 表示推后，用 - 表示提前；例如 -1.5 或 +0:01:02.250</translation>
    </message>
    <message>
        <source>Shift &amp;by</source>
        <translation>平移量(&amp;B)</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>应用于</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Filter actions</source>
        <translation>筛选操作</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <source>Reset &amp;All</source>
        <translation>全部重置(&amp;A)</translation>
    </message>
    <message>
        <source>Press keys:</source>
        <translation>按下按键：</translation>
    </message>
    <message>
        <source>Also used by: %1. A shortcut used twice does nothing until one of them is changed.</source>
        <translation>也被以下操作使用：%1。重复的快捷键在其中一个被更改之前不会起作用。</translation>
    </message>
</context>
<context>
    <name>SpeakCommand</name>
    <message>
        <source>Speaks text with a speech provider: offline with eSpeak NG (the default, about 100 languages) or through an /audio/speech service. Writes the audio to a file (-o, WAV or the service&apos;s own format) or plays it (--play).</source>
        <translation>用语音服务商朗读文本：离线使用 eSpeak NG（默认，约 100 种语言），或通过 /audio/speech 服务。把音频写入文件（-o，WAV 或服务自身的格式），或直接播放（--play）。</translation>
    </message>
    <message>
        <source>The text to speak.</source>
        <translation>要朗读的文本。</translation>
    </message>
    <message>
        <source>Read the text from a UTF-8 file (- for standard input).</source>
        <translation>从 UTF-8 文件读取文本（- 表示标准输入）。</translation>
    </message>
    <message>
        <source>Speech provider: local (default) or openai.</source>
        <translation>语音服务商：local（默认）或 openai。</translation>
    </message>
    <message>
        <source>Voice: a language for local (en, en-us, de, cmn, ...), a voice name for services (alloy, nova, ...).</source>
        <translation>语音：local 使用语言代码（en、en-us、de、cmn 等），在线服务使用语音名称（alloy、nova 等）。</translation>
    </message>
    <message>
        <source>Speed from 0.25 to 4.0 (default 1).</source>
        <translation>语速，0.25 到 4.0（默认 1）。</translation>
    </message>
    <message>
        <source>Service response format: mp3, opus, aac, flac, wav or pcm.</source>
        <translation>服务返回的格式：mp3、opus、aac、flac、wav 或 pcm。</translation>
    </message>
    <message>
        <source>Service model (e.g. tts-1).</source>
        <translation>服务使用的模型（例如 tts-1）。</translation>
    </message>
    <message>
        <source>Service base URL.</source>
        <translation>服务的基础 URL。</translation>
    </message>
    <message>
        <source>Write the audio to this file (.wav, or the format asked of the service).</source>
        <translation>把音频写入此文件（.wav，或向服务请求的格式）。</translation>
    </message>
    <message>
        <source>Play the audio.</source>
        <translation>播放音频。</translation>
    </message>
    <message>
        <source>speak needs text and exactly one of -o OUT or --play (see captioneer speak --help).</source>
        <translation>speak 需要文本，并且 -o OUT 和 --play 必须且只能指定一个（参见 captioneer speak --help）。</translation>
    </message>
    <message>
        <source>The speed must be a number.</source>
        <translation>语速必须是数字。</translation>
    </message>
    <message>
        <source>Unknown speech provider &quot;%1&quot; (see captioneer providers).</source>
        <translation>未知的语音服务商“%1”（参见 captioneer providers）。</translation>
    </message>
    <message>
        <source>%1 s of speech.</source>
        <translation>语音时长 %1 秒。</translation>
    </message>
    <message>
        <source>Write .wav, or ask the service for .%1 with --format.</source>
        <translation>请写入 .wav，或用 --format 向服务请求 .%1。</translation>
    </message>
</context>
<context>
    <name>SpeechPreview</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The spoken line takes %1 s, longer than the cue (%2 s).</source>
        <translation>朗读这一行需要 %1 秒，比字幕时长（%2 秒）更长。</translation>
    </message>
</context>
<context>
    <name>SphinxRecognizer</name>
    <message>
        <source>Install the Debian package pocketsphinx-en-us, or choose model files in Settings.</source>
        <translation>请安装 Debian 软件包 pocketsphinx-en-us，或在“设置”中选择模型文件。</translation>
    </message>
    <message>
        <source>The speech recognition model is missing: %1.</source>
        <translation>缺少语音识别模型：%1。</translation>
    </message>
    <message>
        <source>The speech recognition model settings are not valid.</source>
        <translation>语音识别模型设置无效。</translation>
    </message>
    <message>
        <source>The speech recognition model could not be loaded (are the files from the same model?).</source>
        <translation>无法加载语音识别模型（这些文件是否来自同一个模型？）。</translation>
    </message>
    <message>
        <source>The recogniser could not start.</source>
        <translation>识别器无法启动。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The recogniser failed on this audio.</source>
        <translation>识别器处理此音频时出错。</translation>
    </message>
</context>
<context>
    <name>SrtFormat</name>
    <message>
        <source>The cue ends before it starts; its end was set to its start.</source>
        <translation>字幕的结束时间早于开始时间；已将结束时间设为开始时间。</translation>
    </message>
    <message>
        <source>Skipped a line that belongs to no cue: &quot;%1&quot;.</source>
        <translation>已跳过不属于任何字幕的行：“%1”。</translation>
    </message>
    <message>
        <source>No subtitle cue was found.</source>
        <translation>未找到任何字幕。</translation>
    </message>
</context>
<context>
    <name>SubtitleFile</name>
    <message>
        <source>The file is too large for a subtitle file (%1 MB).</source>
        <translation>文件过大，不可能是字幕文件（%1 MB）。</translation>
    </message>
    <message numerus="yes">
        <source>%n byte sequence(s) could not be decoded as %1 and were replaced.</source>
        <translation>
            <numerusform>有 %n 个字节序列无法按 %1 解码，已被替换。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the file: %1.</source>
        <translation>无法打开文件：%1。</translation>
    </message>
    <message>
        <source>Unknown subtitle format.</source>
        <translation>未知的字幕格式。</translation>
    </message>
    <message>
        <source>Cannot write the file: %1.</source>
        <translation>无法写入文件：%1。</translation>
    </message>
    <message>
        <source>Cannot write the file: %1. The previous version was kept.</source>
        <translation>无法写入文件：%1。已保留之前的版本。</translation>
    </message>
</context>
<context>
    <name>TempoFilter</name>
    <message>
        <source>The playback speed filter failed.</source>
        <translation>播放速度滤镜出错。</translation>
    </message>
    <message>
        <source>The playback speed must be between %1x and %2x.</source>
        <translation>播放速度必须在 %1 倍到 %2 倍之间。</translation>
    </message>
    <message>
        <source>Invalid sample rate.</source>
        <translation>采样率无效。</translation>
    </message>
    <message>
        <source>Cannot resample the audio.</source>
        <translation>无法对音频重采样。</translation>
    </message>
</context>
<context>
    <name>TextEncoding</name>
    <message>
        <source>Unknown text encoding &quot;%1&quot;.</source>
        <translation>未知的文本编码“%1”。</translation>
    </message>
    <message>
        <source>The character &quot;%1&quot; (U+%2) cannot be represented in %3.</source>
        <translation>字符“%1”（U+%2）无法用 %3 表示。</translation>
    </message>
</context>
<context>
    <name>Track</name>
    <message>
        <source>There is no cue with id %1.</source>
        <translation>不存在 ID 为 %1 的字幕。</translation>
    </message>
    <message>
        <source>A cue must start at or after 0 and end at or after its start (got %1 ms to %2 ms).</source>
        <translation>字幕的开始时间不能早于 0，结束时间不能早于开始时间（当前为 %1 毫秒到 %2 毫秒）。</translation>
    </message>
    <message>
        <source>Two cues have the same id %1.</source>
        <translation>有两条字幕的 ID 都是 %1。</translation>
    </message>
    <message>
        <source>Cue id %1 is in use.</source>
        <translation>字幕 ID %1 已被使用。</translation>
    </message>
    <message>
        <source>The last cue has no next cue.</source>
        <translation>最后一条字幕之后没有下一条。</translation>
    </message>
</context>
<context>
    <name>TranscribeCommand</name>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <source>waiting for the provider</source>
        <translation>等待服务商</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>接收中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Transcribes audio or video files into timed subtitles. The default provider, local, runs offline (PocketSphinx, English); cloud providers need an API key from the keychain or their environment variable (see captioneer providers). Files a provider cannot take are transcoded and cut at silences automatically. Progress goes to standard error, results to standard output or -o.</source>
        <translation>把音频或视频文件转写为带时间的字幕。默认服务商 local 离线运行（PocketSphinx，英语）；云端服务商需要来自密钥环或对应环境变量的 API 密钥（参见 captioneer providers）。服务商无法直接接受的文件会自动转码并在静音处切分。进度输出到标准错误，结果输出到标准输出或 -o 指定的位置。</translation>
    </message>
    <message>
        <source>Media files.</source>
        <translation>媒体文件。</translation>
    </message>
    <message>
        <source>Provider profile id (default: local).</source>
        <translation>服务商配置 ID（默认：local）。</translation>
    </message>
    <message>
        <source>Model name.</source>
        <translation>模型名称。</translation>
    </message>
    <message>
        <source>Base URL of the service, e.g. http://127.0.0.1:8080/v1.</source>
        <translation>服务的基础 URL，例如 http://127.0.0.1:8080/v1。</translation>
    </message>
    <message>
        <source>Language of the audio (ISO 639-1).</source>
        <translation>音频的语言（ISO 639-1）。</translation>
    </message>
    <message>
        <source>Context or style hint.</source>
        <translation>上下文或风格提示。</translation>
    </message>
    <message>
        <source>Sampling temperature 0..1.</source>
        <translation>采样温度，0 到 1。</translation>
    </message>
    <message>
        <source>Output: srt (default), vtt, json, txt or captioneer.</source>
        <translation>输出格式：srt（默认）、vtt、json、txt 或 captioneer。</translation>
    </message>
    <message>
        <source>Output file, or a folder when several files are given.</source>
        <translation>输出文件；给出多个文件时为文件夹。</translation>
    </message>
    <message>
        <source>Requests in flight (default 4).</source>
        <translation>同时进行的请求数（默认 4）。</translation>
    </message>
    <message>
        <source>Translate to English.</source>
        <translation>翻译成英语。</translation>
    </message>
    <message>
        <source>Readability preset: %1 (default: by language).</source>
        <translation>可读性预设：%1（默认：按语言选择）。</translation>
    </message>
    <message>
        <source>transcribe needs at least one media file (see captioneer transcribe --help).</source>
        <translation>transcribe 至少需要一个媒体文件（参见 captioneer transcribe --help）。</translation>
    </message>
    <message>
        <source>Unknown output format &quot;%1&quot;.</source>
        <translation>未知的输出格式“%1”。</translation>
    </message>
    <message>
        <source>Several files need -o FOLDER for their results.</source>
        <translation>多个文件需要用 -o 文件夹 指定结果的保存位置。</translation>
    </message>
    <message>
        <source>Unknown preset &quot;%1&quot;.</source>
        <translation>未知预设“%1”。</translation>
    </message>
    <message>
        <source>The concurrency must be a positive number.</source>
        <translation>并发数必须为正数。</translation>
    </message>
    <message>
        <source>The temperature must be a number from 0 to 1.</source>
        <translation>温度必须是 0 到 1 之间的数字。</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot; (see captioneer providers).</source>
        <translation>未知服务商“%1”（参见 captioneer providers）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>TranscribeDialog</name>
    <message>
        <source>&amp;Whole file</source>
        <translation>整个文件(&amp;W)</translation>
    </message>
    <message>
        <source>Transcribe %1</source>
        <translation>转写 %1</translation>
    </message>
    <message numerus="yes">
        <source>Transcribe %n file(s)</source>
        <translation>
            <numerusform>转写 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Names, terms, topic: helps recognition where supported</source>
        <translation>人名、术语、主题：在支持的服务中有助于识别</translation>
    </message>
    <message>
        <source>&amp;Selected range %1 – %2</source>
        <translation>所选范围(&amp;S) %1 – %2</translation>
    </message>
    <message>
        <source>&amp;Selected range (select cues first)</source>
        <translation>所选范围(&amp;S)（请先选择字幕）</translation>
    </message>
    <message>
        <source>Replace all cues</source>
        <translation>替换全部字幕</translation>
    </message>
    <message>
        <source>Replace the cues in the range</source>
        <translation>替换范围内的字幕</translation>
    </message>
    <message>
        <source>Add to the existing cues</source>
        <translation>添加到现有字幕</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>服务商(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Context</source>
        <translation>上下文(&amp;C)</translation>
    </message>
    <message>
        <source>Rule p&amp;reset</source>
        <translation>规则预设(&amp;R)</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>结果(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Transcribe</source>
        <translation>转写(&amp;T)</translation>
    </message>
    <message>
        <source>%1 of audio, %2 on disk.</source>
        <translation>音频时长 %1，文件大小 %2。</translation>
    </message>
    <message numerus="yes">
        <source>Will be transcoded and cut at silences into about %n chunk(s).</source>
        <translation>
            <numerusform>将被转码，并在静音处切分为约 %n 个片段。</numerusform>
        </translation>
    </message>
    <message>
        <source>This provider returns text without times: the audio is sent in speech segments of a few seconds, timed by them.</source>
        <translation>此服务商返回的文本不带时间：音频会按几秒长的语音段发送，并按语音段定时。</translation>
    </message>
    <message>
        <source>%1 per request</source>
        <translation>每次请求 %1</translation>
    </message>
    <message>
        <source>word times</source>
        <translation>词级时间</translation>
    </message>
    <message>
        <source>segment times only</source>
        <translation>仅段级时间</translation>
    </message>
    <message>
        <source>speakers</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>streams text as it goes</source>
        <translation>边识别边输出文本</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
</context>
<context>
    <name>TranscriptionJob</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Preparing the audio</source>
        <translation>正在准备音频</translation>
    </message>
    <message>
        <source>Uploading to %1 (%2%)</source>
        <translation>正在上传到 %1（%2%）</translation>
    </message>
    <message>
        <source>Queued or running at %1 (%2%)</source>
        <translation>在 %1 排队或处理中（%2%）</translation>
    </message>
    <message>
        <source>Receiving from %1 (%2%)</source>
        <translation>正在从 %1 接收（%2%）</translation>
    </message>
</context>
<context>
    <name>TranscriptionPipeline</name>
    <message>
        <source>MP3 at %1 kbit/s</source>
        <translation>%1 kbit/s 的 MP3</translation>
    </message>
    <message>
        <source>Opus at %1 kbit/s</source>
        <translation>%1 kbit/s 的 Opus</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Nothing to transcribe.</source>
        <translation>没有需要转写的内容。</translation>
    </message>
    <message>
        <source>The file is sent as is in one request (%1).</source>
        <translation>文件将原样通过一次请求发送（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>Transcoded to %1, sent as %n speech segment(s) of at most %2 and timed by them (about %3).</source>
        <translation>
            <numerusform>转码为 %1，分成 %n 个语音段发送，每段最长 %2，并按语音段定时（约 %3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Transcoded to %1 (16 kHz mono), sent in one request (about %2).</source>
        <translation>转码为 %1（16 kHz 单声道），通过一次请求发送（约 %2）。</translation>
    </message>
    <message numerus="yes">
        <source>Transcoded to %1 (16 kHz mono), cut at silences into %n chunk(s) of at most %2 (about %3).</source>
        <translation>
            <numerusform>转码为 %1（16 kHz 单声道），在静音处切分为 %n 个片段，每段最长 %2（约 %3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Speech detection was cancelled.</source>
        <translation>语音检测已取消。</translation>
    </message>
    <message>
        <source>The selected range is empty.</source>
        <translation>所选范围为空。</translation>
    </message>
    <message>
        <source>Cannot create a folder for the audio chunks in %1: %2</source>
        <translation>无法在 %1 中为音频片段创建文件夹：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n chunk(s) could not be transcribed (the finished ones are kept): %2</source>
        <translation>
            <numerusform>%n 个片段中有 %1 个无法转写（已完成的片段会保留）：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>Playback speed (the pitch is kept)</source>
        <translation>播放速度（保持音调）</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
</context>
<context>
    <name>TwoPointSyncDialog</name>
    <message>
        <source>Two-Point Sync</source>
        <translation>两点同步</translation>
    </message>
    <message>
        <source>Use &amp;playhead</source>
        <translation>使用播放头(&amp;P)</translation>
    </message>
    <message>
        <source>Use p&amp;layhead</source>
        <translation>使用播放头(&amp;L)</translation>
    </message>
    <message>
        <source>Give the correct start time of two cues far apart, for example the first and the last line; every cue is stretched and shifted to match.</source>
        <translation>给出两条相距较远的字幕（例如第一行和最后一行）的正确开始时间；所有字幕都会相应地拉伸和平移。</translation>
    </message>
    <message>
        <source>First cue, now at %1, should start at</source>
        <translation>第一条字幕（当前在 %1）应开始于</translation>
    </message>
    <message>
        <source>Second cue, now at %1, should start at</source>
        <translation>第二条字幕（当前在 %1）应开始于</translation>
    </message>
</context>
<context>
    <name>VoiceActivity</name>
    <message>
        <source>Speech detection was cancelled.</source>
        <translation>语音检测已取消。</translation>
    </message>
</context>
<context>
    <name>VttFormat</name>
    <message>
        <source>This is not a WebVTT file: the first line must start with &quot;WEBVTT&quot;.</source>
        <translation>这不是 WebVTT 文件：第一行必须以“WEBVTT”开头。</translation>
    </message>
    <message>
        <source>Skipped a cue: its timing line is not valid WebVTT (expected [hh:]mm:ss.ttt --&gt; [hh:]mm:ss.ttt).</source>
        <translation>已跳过一条字幕：其时间行不是有效的 WebVTT 格式（应为 [hh:]mm:ss.ttt --&gt; [hh:]mm:ss.ttt）。</translation>
    </message>
    <message>
        <source>The cue ends before it starts; its end was set to its start.</source>
        <translation>字幕的结束时间早于开始时间；已将结束时间设为开始时间。</translation>
    </message>
    <message>
        <source>Skipped a block that is neither a cue nor a note: &quot;%1&quot;.</source>
        <translation>已跳过既不是字幕也不是注释的块：“%1”。</translation>
    </message>
</context>
</TS>
