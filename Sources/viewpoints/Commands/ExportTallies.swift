import ArgumentParser
import ViewpointsCore
import ViewpointsStore

extension Viewpoints.Export {
    struct Tallies: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consensus tallies as CSV: the same as `consensus --format csv` (columns: see consensus --help).")

        @OptionGroup var consensus: ConsensusOptions
        @OptionGroup var options: ExportOptions

        func run() throws {
            let request = consensus.request
            var result: ConsensusReport?
            try options.run("rows") { store, study, write in
                let computed = try store.consensusAsSession(study: study, request: request)
                let (by, robust) = (computed.byAttribute, computed.robustness)
                try write(ConsensusRow.columns(byAttribute: by, robustness: robust))
                for row in computed.rows { try write(row.fields(byAttribute: by, robustness: robust)) }
                result = computed
            }
            if let result { try consensus.finish(result) }
        }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "One row per participant (pseudonym, attributes), one column per proposition: the rounded stance.",
            discussion: """
                A cell is empty when the participant did not address the proposition; with --mean it holds the \
                unrounded mean of their final-coded stances instead. For R (read.csv) and pandas (read_csv).
                """)

        @Flag(help: "The unrounded mean instead of the rounded participant stance.") var mean = false
        @OptionGroup var options: ExportOptions

        func run() throws {
            try options.run("participants") { try $0.exportMatrix(study: $1, mean: mean, $2) }
        }
    }
}
