import ArgumentParser

extension Viewpoints {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import participants, statements and codebooks from CSV.")
    }
}
