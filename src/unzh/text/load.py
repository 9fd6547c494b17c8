"""Loading raw documents: bytes → text, with encoding detection and checks at the edge.

Only regular files are read, and only up to :func:`max_file_bytes` (``MAX_FILE_MB``
megabytes, or ``UNZH_MAX_FILE_MB``): a device (``/dev/zero``), FIFO or socket is refused
before it is opened, a larger file before it is read.

A document is accepted in

* UTF-8, with or without BOM; UTF-16 or UTF-32 with a BOM (Word's "Unicode text");
* GB18030 (a superset of GBK and GB2312) or Big5 (also Big5-HKSCS), told apart by which
  reading gives common Chinese characters (:func:`chinese_score`: the share of its Chinese
  characters, in simplified form, that are among :data:`COMMON_HANZI`): Big5 bytes read as
  GB18030 decode without error, but as rare characters, kana and symbols;

with LF, CRLF or CR line ends (all become LF).  Text that decodes but is not Chinese
(fewer than :data:`MIN_CJK_SHARE` of its letters Chinese characters, or more than
:data:`MAX_KANA_HANGUL_SHARE` Japanese kana or Korean hangul: French in Latin-1, Korean in
EUC-KR, Japanese in Shift-JIS, ...) is refused, naming the encoding charset-normalizer
guesses.  Bad input raises :class:`unzh.errors.DocumentError` whose message names the file
and the problem.  Nothing is ever written here.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from unzh.errors import DocumentError, InputError
from unzh.text.chars import Census, census
from unzh.text.script import detect_script

#: Legacy Chinese encodings tried (each strictly) when a file is neither UTF-8 nor has a BOM.
#: ``big5hkscs`` (Hong Kong's superset of Big5) only when plain ``big5`` fails.
ENCODINGS = ("utf-8", "gb18030", "big5", "big5hkscs")
#: Byte-order marks, longest first (a UTF-32 LE BOM begins with the UTF-16 LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: Largest file read, in megabytes (10^6 bytes); ``UNZH_MAX_FILE_MB`` overrides it.
MAX_FILE_MB = 200
#: Text whose letters are less than this share Chinese characters is not a Chinese document.
MIN_CJK_SHARE = 0.30
#: ... nor text in which more than this share of the letters are Japanese kana or Korean hangul.
MAX_KANA_HANGUL_SHARE = 0.10
#: A GB18030 or Big5 reading is Chinese only if at least this share of its Chinese characters
#: are common ones.  Measured on the test fixtures and the seed: 0.63-0.92 for Chinese; wrong
#: readings: Big5 as GB18030 0.05, EUC-KR Korean 0.24, EUC-JP Japanese 0.31, Shift-JIS 0.00.
MIN_COMMON_SHARE = 0.45
#: Bytes looked at to choose an encoding (the whole file is then decoded with it, strictly).
SAMPLE_BYTES = 1 << 18
#: The 1,000 most frequent Chinese characters (simplified), most frequent first: each character of
#: jieba 0.42.1's dictionary (dict.txt) weighted by the frequencies of the words it occurs in.
COMMON_HANZI = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
    "越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印"
    "亿沙母酒助闻超审待压升送监策略限竟香配藏敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶"
    "简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳"
    "襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟"
)

_SAMPLE_CHARS = 1 << 17


#: the bytes below 32 other than tab, LF, FF, CR
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
#: the classes of characters counted, as inclusive code point ranges (summed over a document's
#: :class:`unzh.text.chars.Census`): control characters (Unicode's Cc other than tab, LF, FF, CR),
#: private use (Co), Chinese characters (CJK unified ideographs, extension A, compatibility
#: ideographs, extensions B-G), Japanese kana and Korean hangul
_RANGES = {
    "control": ((0x00, 0x08), (0x0B, 0x0B), (0x0E, 0x1F), (0x7F, 0x9F)),
    "private_use": ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)),
    "hanzi": ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)),
    "kana": ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)),
    "hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)),
}


def _is_common_hanzi(ch: str) -> bool:
    return ch in _common_hanzi()


_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}


@dataclass(frozen=True)
class RawDocument:
    """A decoded document: its text (line ends normalised to ``\\n``) and where it came from."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    sha256: str  # of the raw bytes
    metadata: dict = field(default_factory=dict)
    script: str = "simplified"  # or "traditional" (detected; see unzh.text.script)


# --- reading: regular files only, bounded --------------------------------------------------

def max_file_bytes() -> int:
    """The largest file read: :data:`MAX_FILE_MB` megabytes, or ``UNZH_MAX_FILE_MB`` if set."""
    raw = os.environ.get("UNZH_MAX_FILE_MB", "").strip()
    if not raw:
        return MAX_FILE_MB * 1_000_000
    try:
        mb = float(raw)
    except ValueError:
        mb = float("nan")
    if not mb > 0 or mb == float("inf"):
        raise InputError("UNZH_MAX_FILE_MB", f"must be a positive number of megabytes, got {raw!r}")
    return int(mb * 1_000_000)


def _not_regular(mode: int) -> str:
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"is {what}, not a regular file: not read"
    return "is not a regular file: not read"


def _os_problem(p: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        if os.path.islink(p):
            return f"broken symbolic link (to {os.readlink(p)}, which does not exist)"
        return "no such file"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long for the file system"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    return f"cannot be read ({exc.strerror or exc})"


def read_file_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default :func:`max_file_bytes`) of them.

    Checked with :func:`os.stat` before opening: a folder, device, FIFO or socket is refused
    without being opened, a file larger than the limit without being read; the file is
    opened non-blocking and checked again (``fstat``), so that nothing can make it hang.
    Raises :class:`DocumentError` naming the file.
    """
    p = Path(path)
    limit = max_file_bytes() if limit is None else limit
    try:
        st = os.stat(p)
    except OSError as exc:
        raise DocumentError(p, _os_problem(p, exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(p, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(p, _not_regular(st.st_mode))
    if st.st_size > limit:
        raise DocumentError(p, _too_large(st.st_size, limit))
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise DocumentError(p, _os_problem(p, exc)) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):  # replaced between stat and open
            raise DocumentError(p, _not_regular(mode))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise DocumentError(p, _os_problem(p, exc)) from None
    if len(data) > limit:  # grew while being read
        raise DocumentError(p, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return (f"is {size:,} bytes, more than the {limit:,} bytes ({limit / 1e6:g} MB) read per file "
            "(set UNZH_MAX_FILE_MB to raise the limit)")


# --- decoding -------------------------------------------------------------------------------

def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    # control characters other than tab, LF, CR, FF are not text
    head = data[:65536]
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return ctrl > 0.01 * min(len(data), 65536)


#: characters looked at for control characters
_CONTROL_SAMPLE = 65536


def _has_control_characters(text: str, head: Census | None = None) -> bool:
    """More than 1% of the first :data:`_CONTROL_SAMPLE` characters are control characters
    (``head``: their :func:`unzh.text.chars.census`, if known)."""
    sample = text[:_CONTROL_SAMPLE]
    return (census(sample) if head is None else head).in_ranges(_RANGES["control"]) > 0.01 * len(sample)


def _common_hanzi() -> frozenset:
    """:data:`COMMON_HANZI` and their traditional forms (OpenCC s2t, character by character)."""
    global _COMMON
    if _COMMON is None:
        from unzh.text.script import _converter
        traditional = _converter("s2t").convert("\n".join(COMMON_HANZI)).split("\n")
        _COMMON = frozenset(COMMON_HANZI) | frozenset(traditional)
    return _COMMON


_COMMON: frozenset | None = None


def chinese_score(text: str) -> float:
    """The share of the Chinese characters in (the start of) ``text`` that are common ones.

    Common: among the 1,000 most frequent (:data:`COMMON_HANZI`) in simplified or traditional
    form.  Real Chinese text scores 0.6-0.9; a wrong reading (Big5 as GB18030, Korean or
    Japanese legacy encodings read as Chinese ones) 0.0-0.3.  0.0 if it has no Chinese characters.
    """
    return _score(census(text[:_SAMPLE_CHARS]))


def _score(counts: Census) -> float:
    hanzi = counts.in_ranges(_RANGES["hanzi"])
    return counts.where(_is_common_hanzi) / hanzi if hanzi else 0.0


def _not_chinese(text: str, encoding: str, legacy: bool) -> str | None:
    """Why ``text`` (read as ``encoding``) is not a Chinese document, or None if it is one."""
    sample = text[:_SAMPLE_CHARS]  # (the text itself, not a copy, when it is no longer)
    counts = census(sample)
    # control characters are counted in the first _CONTROL_SAMPLE characters; the sample's count
    # bounds theirs, so they are counted apart only when the sample has enough to matter
    enough = counts.in_ranges(_RANGES["control"]) > 0.01 * min(len(sample), _CONTROL_SAMPLE)
    if enough and _has_control_characters(sample, counts if len(sample) <= _CONTROL_SAMPLE else None):
        return f"binary file (control characters when read as {encoding}), not text"
    if counts.in_ranges(_RANGES["private_use"]):
        return f"decoded as {encoding} but contains private-use characters: wrong encoding?"
    letters = counts.where(str.isalpha)
    if not letters:
        return f"has no Chinese text (no letters at all when read as {encoding})"
    for name, script in (("kana", "Japanese kana"), ("hangul", "Korean hangul")):
        share = counts.in_ranges(_RANGES[name]) / letters
        if share > MAX_KANA_HANGUL_SHARE:
            return f"is not Chinese text: {share:.0%} of its letters are {script} when read as {encoding}"
    share = counts.in_ranges(_RANGES["hanzi"]) / letters
    if share < MIN_CJK_SHARE:
        return (f"is not Chinese text: only {share:.0%} of its letters are Chinese characters when read as {encoding} "
                f"(a Chinese document needs at least {MIN_CJK_SHARE:.0%})")
    if legacy:
        score = _score(counts)
        if score < MIN_COMMON_SHARE:
            return (f"decodes as {encoding}, but not to Chinese text: only {score:.0%} of its characters are common "
                    f"Chinese ones (at least {MIN_COMMON_SHARE:.0%} expected)")
    return None


def guess_encoding(data: bytes) -> str:
    """charset-normalizer's best guess for ``data`` (its start), e.g. ``"cp949 (Korean)"``; ``"none"`` if it has none."""
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:SAMPLE_BYTES]).best()
    except Exception:  # a guess for a message: never a reason to fail
        return "none"
    if best is None:
        return "none"
    language = best.language if best.language and best.language != "Unknown" else ""
    return f"{best.encoding} ({language})" if language else best.encoding


def _decode_as(data: bytes, guess: str) -> tuple[str, str] | None:
    """``data`` decoded strictly with the encoding of a :func:`guess_encoding` answer, or None."""
    name = guess.split(" ")[0]
    try:
        return data.decode(name), codecs.lookup(name).name
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """The best-scoring GB18030 / Big5 reading of ``data`` that decodes strictly, or None."""
    sample, final = data[:SAMPLE_BYTES], len(data) <= SAMPLE_BYTES
    scored = []
    for order, enc in enumerate(ENCODINGS[1:]):
        try:
            text = codecs.getincrementaldecoder(enc)(errors="strict").decode(sample, final)
        except UnicodeDecodeError:
            continue
        scored.append((-chinese_score(text), order, enc))
    for _, _, enc in sorted(scored):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None


def _read(data: bytes, source) -> tuple[str, str, bool]:
    """``(text, encoding, legacy)``: the reading of ``data`` to check; raise DocumentError if there is none."""
    bom = next((enc for mark, enc in BOMS if data.startswith(mark)), None)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise DocumentError(source, f"starts with a {_NAMES[bom]} byte-order mark but is not valid {_NAMES[bom]} "
                                        f"(byte {exc.start})") from None
        if bom != "utf-8-sig":
            bom += "-le" if data[:2] == codecs.BOM_UTF16_LE else "-be"
        return text.lstrip("\ufeff"), bom, False
    if _looks_binary(data):
        reading = _decode_as(data, guess_encoding(data))  # UTF-16 without a BOM, say
        if reading is None or not reading[1].startswith(("utf-16", "utf-32")):
            raise DocumentError(source, "binary file (contains NUL or control bytes), not text")
        if _not_chinese(*reading, legacy=True):  # a guess: its characters must be common Chinese ones
            raise DocumentError(source, f"binary file (contains NUL or control bytes), not text; read as {reading[1]} "
                                        "(charset-normalizer's guess) it is not Chinese either")
        return *reading, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    reading = _decode_legacy(data)
    if reading is not None:
        return *reading, True
    guess = guess_encoding(data)
    reading = _decode_as(data, guess)
    if reading is None or _not_chinese(*reading, legacy=True):
        raise DocumentError(source, f"cannot be decoded as UTF-8, GB18030 or Big5 text; charset-normalizer guesses {guess}")
    return *reading, True


def decode_bytes(data: bytes, source: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise DocumentError if it is not Chinese text.

    In order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; the GB18030 or Big5 reading with the
    most common Chinese characters (:func:`chinese_score`); charset-normalizer's guess.  The reading
    kept must be Chinese (see the module's docstring); line ends become ``\\n``.
    """
    if not data.strip():
        raise DocumentError(source, "empty file")
    text, encoding, legacy = _read(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(source, "empty file (only whitespace)")
    problem = _not_chinese(text, encoding, legacy)
    if problem:
        if legacy:
            problem += f"; charset-normalizer guesses {guess_encoding(data)}"
        raise DocumentError(source, problem)
    return text, encoding


# --- ids, metadata, the document --------------------------------------------------------------

#: Longest document id, in UTF-8 bytes: ``<id>.paragraphs.csv`` must stay within the 255-byte
#: name limit of common file systems.  Longer file names are shortened with a hash.
MAX_ID_BYTES = 100


def doc_id_for(path: str | Path) -> str:
    """The document id: the file name without its last extension (``a.2006.txt`` → ``a.2006``).

    Names longer than :data:`MAX_ID_BYTES` bytes are cut and given ``~`` and 10 hex digits of
    the name's SHA-256, so that two long names sharing a beginning stay two ids.
    """
    p = Path(path)
    stem = p.stem or p.name
    raw = os.fsencode(stem)
    if len(raw) <= MAX_ID_BYTES:
        return stem
    digest = hashlib.sha256(raw).hexdigest()[:10]
    return raw[:MAX_ID_BYTES - 11].decode("utf-8", "ignore") + "~" + digest


def metadata_path(path: str | Path) -> Path:
    """``<name without .txt>.meta.json`` beside the document."""
    p = Path(path)
    return p.with_name((p.stem or p.name) + ".meta.json")


def _metadata(path: Path) -> dict:
    mp = metadata_path(path)
    try:
        if not os.path.lexists(mp):
            return {}
    except (OSError, ValueError):  # a name too long for a metadata file: there is none
        return {}
    data = read_file_bytes(mp, limit=10_000_000)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(mp, f"metadata is not valid JSON ({exc})") from None


def load_document(path: str | Path, doc_id: str | None = None) -> RawDocument:
    """Read a document file; raise DocumentError (one line: file and problem) on bad input.

    ``doc_id`` defaults to :func:`doc_id_for` (a corpus passes its own to keep ids unique).
    """
    p = Path(path)
    data = read_file_bytes(p)
    text, encoding = decode_bytes(data, p)
    return RawDocument(
        doc_id=doc_id or doc_id_for(p),
        path=p,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=_metadata(p),
        script=detect_script(text),
    )
