import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

extension Viewpoints {
    struct ReliabilityCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reliability",
            abstract: "Inter-coder reliability per proposition, per theme and pooled, from the coding store.",
            discussion: """
                Units are statements reviewed by at least two of the coders (a review counts for a proposition \
                only if the proposition existed then). Presence (applied or not): nominal α, Cohen's κ for two \
                coders or Fleiss' κ for more, percent agreement. Stance, over units where at least two coders \
                applied the proposition: ordinal α and linearly weighted κ. The last row pools all (statement, \
                proposition) units. Presence α below 0.667 is flagged, below 0.800 tentative; undefined α has no \
                number. With --unit participant, each coder's participant stance (from that coder's codings \
                alone: mean, rounded half away from zero) is compared instead. \
                CSV and JSON: one row or object per figure with scope, key, measure, metric, level, weights, value, \
                defined, applicable, reason, units, coders, pairable_values and status (on presence α); JSON wraps \
                them in an object with unit, coders and statements.
                """)

        @Option(help: ArgumentHelp("Only this proposition, or the propositions of this theme.", valueName: "key"))
        var code: String?
        @Option(help: ArgumentHelp("theme: pool the propositions of each theme.", valueName: "theme"))
        var by: GroupChoice?
        @Option(help: ArgumentHelp("Coders to compare (default: every coder with a review).", valueName: "a,b,…"))
        var coders: String?
        @Option(help: "Units: statement, or participant (each coder's participant positions).")
        var unit: ReliabilityUnit = .statement
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var scope: StudyScope

        enum GroupChoice: String, ExpressibleByArgument, CaseIterable { case theme }

        var chosenCoders: [String]? {
            coders.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }

        func validate() throws {
            if let chosen = chosenCoders {
                guard chosen.count >= 2, !chosen.contains("") else {
                    throw ValidationError("--coders needs at least two coder names separated by commas, e.g. a,b")
                }
                guard Set(chosen).count == chosen.count else { throw ValidationError("--coders names a coder twice") }
            }
        }

        func run() throws {
            let result = try scope.withStudy { store, study in
                let names = try chosenCoders ?? store.reviewingCoders(study: study)
                let decisions = try store.reliabilityDecisions(study: study, coders: names, code: code)
                return CodingReliability(unit: unit, grouping: by == .theme ? .theme : .proposition, coders: names)
                    .report(decisions)
            }
            if result.statements == 0 {
                warn(
                    "viewpoints: note: no statement was reviewed by at least two of the coders "
                        + "(\(result.coders.joined(separator: ", "))); see `viewpoints progress`")
            }
            print(ReliabilityOutput(report: result).render(format), terminator: "")
        }
    }
}

extension ReliabilityUnit: ExpressibleByArgument {}
