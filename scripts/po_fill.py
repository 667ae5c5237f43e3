"""Fill empty msgstr entries of locale/zh_Hans/LC_MESSAGES/django.po from a JSON file of
{msgid: translation}: `python scripts/po_fill.py translations.json`. Prints what is still empty.
A helper for `make messages`; it never overwrites an existing translation."""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'(msgid ((?:".*"\n)+))msgstr ""\n(?!")', re.M)


def unquote(block: str) -> str:
    return "".join(json.loads(line) for line in re.findall(r'^(".*")$', block, re.M))


def main(path: str) -> None:
    wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    text = PO.read_text(encoding="utf-8")

    def fill(match):
        msgid = unquote(match.group(2))
        if msgid and msgid in wanted:
            return f"{match.group(1)}msgstr {json.dumps(wanted[msgid], ensure_ascii=False)}\n"
        return match.group(0)

    text = ENTRY.sub(fill, text)
    PO.write_text(text, encoding="utf-8")
    missing = [unquote(m.group(2)) for m in ENTRY.finditer(text) if unquote(m.group(2))]
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main(sys.argv[1])
