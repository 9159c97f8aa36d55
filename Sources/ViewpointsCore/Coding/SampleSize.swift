/// How many statements a double-coding sample takes: a percentage (`25%`, `12.5%`) or a count (`150`).
public enum SampleSize: Sendable, Equatable, CustomStringConvertible {
    /// A percentage as an exact decimal: `numerator / 10^scale` percent.
    case percent(numerator: Int, scale: Int)
    case count(Int)

    /// Reads `25%`, `12.5%` or `150`; nil for anything else or a percentage above 100.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast()
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return nil }
            let fraction = parts.count == 2 ? parts[1] : ""
            guard parts.count == 1 || !fraction.isEmpty, fraction.count <= 6,
                let numerator = Int(parts[0] + fraction)
            else { return nil }
            let scale = fraction.count
            var limit = 100
            for _ in 0..<scale { limit *= 10 }
            guard numerator <= limit else { return nil }
            self = .percent(numerator: numerator, scale: scale)
        } else {
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(trimmed) else {
                return nil
            }
            self = .count(count)
        }
    }

    /// How many of `total` statements: ceil(p × total) for a percentage, at most `total` for a count.
    public func count(of total: Int) -> Int {
        switch self {
        case .count(let n): return min(n, total)
        case .percent(let numerator, let scale):
            var denominator = 100
            for _ in 0..<scale { denominator *= 10 }
            return (numerator * total + denominator - 1) / denominator
        }
    }

    public var description: String {
        switch self {
        case .count(let n): return String(n)
        case .percent(let numerator, let scale):
            guard scale > 0 else { return "\(numerator)%" }
            var text = String(numerator)
            while text.count <= scale { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
            return text + "%"
        }
    }
}
