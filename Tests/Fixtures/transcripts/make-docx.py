#!/usr/bin/env python3
"""Writes the synthetic .docx fixtures (run from this folder; the outputs are committed).

interview-09.docx: Word's conventions: runs split mid-word, w:br, w:tab, smart quotes, a non-BMP character,
a bold speaker run, a tracked insertion and deletion, a comment, a footnote reference, a header and a footer.
hostile-*.docx: a ZIP bomb (honest sizes), a ZIP bomb whose headers claim a small size, a truncated ZIP,
an XML entity expansion ("billion laughs") and an external entity.
"""
import struct
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(*runs, ppr=""):
    return "<w:p>" + ppr + "".join(runs) + "</w:p>"


def run(text, bold=False, space=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    attr = ' xml:space="preserve"' if space else ""
    return f"<w:r>{rpr}<w:t{attr}>{text}</w:t></w:r>"


body = "".join([
    para(run("Interview 9, typed up after the meeting")),
    para(run("Interviewer:", bold=True), run(" What did the ", space=True), run("nego"), run("tiations achieve?")),
    para(run("Adnan Jatoi", bold=True), run(": ", space=True), run("“Very little,” I said."),
         "<w:r><w:br/></w:r>", run("Then we waited."),
         '<w:r><w:commentReference w:id="0"/></w:r>'),
    para(run("It was "), '<w:ins w:id="1" w:author="A"><w:r><w:t>not </w:t></w:r></w:ins>',
         '<w:del w:id="2" w:author="A"><w:r><w:delText>always </w:delText></w:r></w:del>',
         run("easy"), "<w:r><w:tab/></w:r>", run("😀 for anyone."),
         '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'),
    para(run("Interviewer:", bold=True), run(" Thank you.", space=True)),
])
document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types '
                 'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')


def docx(name, document_xml, extra=None, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(name, "w", compression) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml)
        for path, text in (extra or {}).items():
            z.writestr(path, text)


docx("interview-09.docx", document, {
    "word/comments.xml": f'<w:comments {W}><w:comment w:id="0"><w:p>{run("check this")}</w:p></w:comment></w:comments>',
    "word/footnotes.xml": f'<w:footnotes {W}><w:footnote w:id="1"><w:p>{run("A note")}</w:p></w:footnote></w:footnotes>',
    "word/header1.xml": f'<w:hdr {W}><w:p>{run("Confidential")}</w:p></w:hdr>',
    "word/footer1.xml": f'<w:ftr {W}><w:p>{run("Page 1")}</w:p></w:ftr>',
})

# a ZIP bomb: 80 MB of one paragraph's text, compressed to well under 1 MB
filler = "A: " + "ha" * (40 << 20)
bomb = f'<w:document {W}><w:body><w:p><w:r><w:t>{filler}</w:t></w:r></w:p></w:body></w:document>'
docx("hostile-bomb.docx", bomb)

# the same bomb with headers that claim 1,000 bytes: only a limit on what inflation yields stops it
data = bytearray(open("hostile-bomb.docx", "rb").read())
for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    start = 0
    while (at := data.find(signature, start)) >= 0:
        name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
        name = data[at + (30 if signature == b"PK\x03\x04" else 46):][:name_len]
        if name == b"word/document.xml":
            struct.pack_into("<I", data, at + offset, 1000)
        start = at + 4
open("hostile-lying-bomb.docx", "wb").write(bytes(data))

# truncated: the first half of a good document
good = open("interview-09.docx", "rb").read()
open("hostile-truncated.docx", "wb").write(good[: len(good) // 2])

laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + f']>\n<w:document {W}><w:body><w:p><w:r><w:t>A: &lol9;</w:t></w:r></w:p></w:body></w:document>')
docx("hostile-entities.docx", laughs)
external = ('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            f'<w:document {W}><w:body><w:p><w:r><w:t>A: &xxe;</w:t></w:r></w:p></w:body></w:document>')
docx("hostile-external-entity.docx", external)
