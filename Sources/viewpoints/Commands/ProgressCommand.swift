import ArgumentParser
import Foundation
import ViewpointsStore

extension Viewpoints {
    struct ProgressCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "progress",
            abstract:
                "Per coder statements reviewed and codings; overlap between coders; open and stale disagreements.",
            discussion: "csv: one row per coder (coder,reviewed,statements,codings); json: an object with coders, "
                + "overlap and disagreements.")

        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var scope: StudyScope

        func run() throws {
            let progress = try scope.withStudy { store, study in
                try store.progress(study: study)
            }
            let coders = Table(
                header: ["coder", "reviewed", "statements", "codings"],
                rows: progress.coders.map {
                    [$0.name, String($0.reviewed), String($0.statements), String($0.codings)]
                }, numeric: [1, 2, 3])
            let overlap = Table(
                header: ["coder", "other", "statements"],
                rows: progress.overlap.map { [$0.first, $0.second, String($0.statements)] }, numeric: [2])
            switch format {
            case .csv: print(coders.render(.csv), terminator: "")
            case .json:
                let object: [String: Any] = [
                    "coders": progress.coders.map {
                        ["coder": $0.name, "reviewed": $0.reviewed, "statements": $0.statements, "codings": $0.codings]
                    },
                    "overlap": progress.overlap.map {
                        ["coder": $0.first, "other": $0.second, "statements": $0.statements]
                    },
                    "disagreements": ["open": progress.open, "stale": progress.stale],
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            case .table:
                print(coders.render(.table))
                if !progress.overlap.isEmpty { print(overlap.render(.table)) }
                print("disagreements: \(progress.open) open, \(progress.stale) stale")
            }
        }
    }
}
