"""Make the PDF documents' fonts (core/pdf.py `PDF_FONTS`) from the CJK fonts installed here.

Each is the installed font cut down to what Wuye's documents print: ASCII and Latin-1, general
and CJK punctuation, full-width forms and the whole of GB 2312 (its 6,763 hanzi and its
symbols), with the OpenType features horizontal Simplified Chinese text uses. About 8,000
glyphs instead of 65,000: WeasyPrint then copies and subsets 2 MB instead of 20 MB for every
document. A character outside the set still prints, from the system font the templates name
next.

The fonts are made on this machine from its own fonts (never copied from elsewhere) into
var/pdf-fonts/, and made again only when the system font they come from changes. `make setup`
runs this; nothing breaks without it, documents are only slower.
"""

import json
import subprocess
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from fontTools import subset
from fontTools.ttLib import TTFont

from wuye.core.pdf import PDF_FONTS, PdfFont, pdf_font_dir

# Bump when the character set or the options below change: every font is then made again.
RECIPE = 1

# Pango shapes horizontal text with these (plus what the CSS asks for: nothing else today).
# The vertical, width and alternate-glyph features would pull thousands of glyphs back in.
LAYOUT_FEATURES = ["ccmp", "locl", "calt", "liga", "clig", "rlig", "kern", "mark", "mkmk"]
# The documents are lang="zh-hans": the ZHS (and default) language systems are the ones used;
# the Japanese, Korean and Traditional Chinese ones only point at glyphs we do not need.
LANGUAGE = "ZHS"


def characters() -> set[int]:
    """The code points every PDF font covers."""
    code_points = {
        *range(0x20, 0x7F),  # ASCII
        *range(0xA0, 0x100),  # Latin-1: ¥ × · …
        *range(0x2000, 0x2070),  # general punctuation: — … ‘ ’ “ ” ‰
        *range(0x3000, 0x3040),  # CJK symbols and punctuation: 、。「」〇
        *range(0xFF00, 0xFFF0),  # full-width forms: （）：，￥
    }
    # GB 2312, rows 1-87 (symbols, then the hanzi), as EUC-CN byte pairs.
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                code_points.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return code_points


def find_source(font: PdfFont) -> tuple[Path, int] | None:
    """The installed font file (and face in a collection) fontconfig gives for `font.source`,
    or None when that family is not installed (fontconfig then answers with another one)."""
    try:
        # fontconfig's own tool (installed with it), asked about our constant patterns only.
        command = ["fc-match", "--format", "%{file}\n%{index}\n%{family}\n%{weight}", font.source]
        answer = subprocess.run(  # noqa: S603, S607
            command,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path, index, families, weight = (answer.split("\n") + ["", "", "", ""])[:4]
    family = font.source.split(":")[0]
    wanted_weight = font.source.split("weight=")[1]
    if family not in families.split(",") or weight != wanted_weight or not Path(path).is_file():
        return None
    return Path(path), int(index or 0)


def build(
    font: PdfFont, source: Path, index: int, target: Path, code_points: set[int] | None = None
) -> int:
    """Write the cut-down font to `target` (with `characters()` unless told other code points);
    return its number of glyphs."""
    ttfont = TTFont(source, fontNumber=index)
    for tag in ("GSUB", "GPOS"):
        if tag in ttfont:
            for record in ttfont[tag].table.ScriptList.ScriptRecord:
                script = record.Script
                script.LangSysRecord = [
                    lang for lang in script.LangSysRecord if lang.LangSysTag.strip() == LANGUAGE
                ]
                script.LangSysCount = len(script.LangSysRecord)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keeps the copyright and the licence (SIL OFL) entries
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters() if code_points is None else code_points)
    subsetter.subset(ttfont)
    # A modified font gets a name of its own: fontconfig must never take it for the system
    # font the templates name after it, which still prints what it lacks.
    style = "Bold" if font.weight >= 700 else "Regular"
    postscript = f"{font.family.replace(' ', '')}-{style}"
    names = ttfont["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(font.family, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName(f"{postscript};made from {source.name}#{index}", 3, 3, 1, 0x409)
    names.setName(f"{font.family} {style}", 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    if "CFF " in ttfont:
        cff = ttfont["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName = f"{font.family} {style}"
        top.FamilyName = font.family
    partial = target.with_name(target.name + ".part")
    ttfont.save(partial)
    partial.replace(target)  # never a half-written font where WeasyPrint looks
    return len(ttfont.getGlyphOrder())


class Command(BaseCommand):
    help = "Make the PDF documents' smaller CJK fonts from the installed system fonts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make them again anyway.")

    def handle(self, *args, **options):
        folder = pdf_font_dir()
        folder.mkdir(parents=True, exist_ok=True)
        complete = True
        for font in PDF_FONTS:
            target = folder / font.file
            found = find_source(font)
            if found is None:
                complete = False
                self.stderr.write(
                    f"{font.source.split(':')[0]} is not installed (Debian: fonts-noto-cjk): "
                    f"{font.file} not made; PDFs use whatever CJK font there is, more slowly."
                )
                continue
            source, index = found
            stat = source.stat()
            recipe = {
                "recipe": RECIPE,
                "source": str(source),
                "index": index,
                "size": stat.st_size,
                "mtime": stat.st_mtime_ns,
            }
            stamp = target.with_name(target.name + ".json")
            if (
                not options["force"]
                and target.is_file()
                and stamp.is_file()
                and json.loads(stamp.read_text()) == recipe
            ):
                continue
            started = time.monotonic()
            try:
                glyphs = build(font, source, index, target)
            except Exception as error:  # a damaged or unexpected font file
                raise CommandError(f"Could not make {font.file} from {source}: {error}") from error
            stamp.write_text(json.dumps(recipe))
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"{font.file}: {glyphs} glyphs from {source.name}#{index}, "
                    f"{target.stat().st_size // 1024} KB, {time.monotonic() - started:.0f} s"
                )
        if complete:
            # make's marker (Makefile: var/pdf-fonts/.built): left out while a font is
            # missing, so the next `make setup` tries again once it is installed.
            (folder / ".built").touch()
        elif (folder / ".built").exists():
            (folder / ".built").unlink()
