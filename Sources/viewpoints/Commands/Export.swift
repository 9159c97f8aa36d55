import ArgumentParser

extension Viewpoints {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export participants, statements and codebooks to CSV.")
    }
}
