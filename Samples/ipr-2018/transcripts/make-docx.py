#!/usr/bin/env python3
"""Writes interview-01.docx (synthetic) the way a word processor does: bold speaker runs, runs split mid-word,
smart quotes, a line break, a tracked insertion and deletion, a comment and a header. Run from this folder."""
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*parts):
    return "<w:p>" + "".join(parts) + "</w:p>"


body = "".join([
    para(run("Interview 01, Islamabad, December 2017. Typed up from the recording; synthetic.")),
    para(run("Interviewer:", True), run(" How would you describe the present state of US-Pakistan relations?")),
    para(run("Adnan Jatoi:", True), run(" They are at their lowest point since 9/11. The tru"), run("st that was built "),
         run("after 2001 has gone, and neither side is trying very hard to rebuild it.")),
    para(run("When I sat on the committee, we heard the same thing every year: “do more”.", False),
         "<w:r><w:br/></w:r>", run("Nobody asked what more would look like."),
         '<w:r><w:commentReference w:id="0"/></w:r>'),
    para(run("Interviewer:", True), run(" Is China an alternative to the United States?")),
    para(run("Adnan Jatoi:", True), run(" China is a partner for trade and roads, "),
         '<w:ins w:id="1" w:author="T"><w:r><w:t xml:space="preserve">but </w:t></w:r></w:ins>',
         '<w:del w:id="2" w:author="T"><w:r><w:delText xml:space="preserve">and </w:delText></w:r></w:del>',
         run("it will not replace the United States on security or with the lenders.")),
])
document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>')
with zipfile.ZipFile("interview-01.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types '
               'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", document)
    z.writestr("word/comments.xml", f'<w:comments {W}><w:comment w:id="0">{para(run("check date"))}</w:comment></w:comments>')
    z.writestr("word/header1.xml", f'<w:hdr {W}>{para(run("Confidential"))}</w:hdr>')
