/// Word documents (WordprocessingML).
struct DocxReader {
    func read(_ bytes: [UInt8], file: String, problems: inout ProblemList) -> Transcript? {
        problems.add(line: 1, column: 1, "reading .docx files is not supported yet")
        return nil
    }
}
