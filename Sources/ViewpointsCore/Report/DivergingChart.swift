/// A diverging stacked bar chart as inline SVG: one bar per proposition, opposition left of a zero line and
/// support right, ±2 darker than ±1, neutral centred on the line, not-addressed as a muted label; the label and
/// class beside each bar. Every chart of a report uses the same `ChartScale`, so bars compare across charts.
public struct DivergingChart: Sendable, Equatable {
    /// One bar: a proposition's stance counts.
    public struct Bar: Sendable, Equatable {
        public var code: String
        public var label: String
        /// The class as the report words it (`strong support`), or a reason there is none.
        public var note: String
        /// Participants with stance −2, −1, 0, +1, +2.
        public var stances: [Int]
        /// N: the population the bar is drawn from.
        public var participants: Int

        public init(code: String, label: String, note: String, stances: [Int], participants: Int) {
            self.code = code
            self.label = label
            self.note = note
            self.stances = stances
            self.participants = participants
        }

        public var addressed: Int { stances.reduce(0, +) }
        public var notAddressed: Int { max(0, participants - addressed) }
        /// Participants drawn left of the zero line: opposition and half the neutral ones.
        public var leftExtent: Double { Double(stances[0] + stances[1]) + Double(stances[2]) / 2 }
        public var rightExtent: Double { Double(stances[3] + stances[4]) + Double(stances[2]) / 2 }
    }

    /// A drawn segment: which stance, how many participants, where.
    public struct Segment: Sendable, Equatable {
        public var stance: Int
        public var count: Int
        public var x: Double
        public var width: Double
    }

    public var id: String
    public var title: String
    public var bars: [Bar]
    public var scale: ChartScale

    public init(id: String, title: String, bars: [Bar], scale: ChartScale) {
        self.id = id
        self.title = title
        self.bars = bars
        self.scale = scale
    }

    // MARK: - Geometry

    static let width = 880.0
    static let labelWidth = 290.0
    static let zeroX = 500.0
    static let noteX = 704.0
    static let rowHeight = 40.0
    static let barHeight = 20.0
    static let top = 30.0

    /// The segments of `bar` in drawing order: −2, −1 (outward to inward on the left), neutral centred on the
    /// zero line, +1, +2; segments with no participants are left out.
    public func segments(_ bar: Bar) -> [Segment] {
        let unit = scale.pixelsPerParticipant
        var result: [Segment] = []
        var x = DivergingChart.zeroX - bar.leftExtent * unit
        for (index, stance) in (-2...2).enumerated() {
            let count = bar.stances[index]
            let width = Double(count) * unit
            if count > 0 { result.append(Segment(stance: stance, count: count, x: x, width: width)) }
            x += width
        }
        return result
    }

    public var height: Double { DivergingChart.top + Double(bars.count) * DivergingChart.rowHeight + 62 }

    // MARK: - SVG

    /// The chart as an `<svg>` element with `<title>`, `<desc>` and `aria-label` for screen readers.
    public func svg(standalone: Bool = false) -> String {
        let w = DivergingChart.width
        let h = height
        var out = "<svg"
        if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
        out += " class=\"chart\" viewBox=\"0 0 \(fmt(w)) \(fmt(h))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\""
        out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" aria-label=\"\(Markup.escape(title))\""
        out += " font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" font-size=\"13\">\n"
        out += "<title id=\"\(id)-title\">\(Markup.escape(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(Markup.escape(description))</desc>\n"
        out += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
        out += " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(Palette.color(-1))\"/>"
        out += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/></pattern></defs>\n"
        if standalone { out += "<rect width=\"\(fmt(w))\" height=\"\(fmt(h))\" fill=\"#ffffff\"/>\n" }
        out += axis
        for (index, bar) in bars.enumerated() { out += row(bar, index: index) }
        out += "</svg>"
        return out
    }

    /// One sentence per bar, for the text alternative.
    public var description: String {
        let lines = bars.map { bar in
            "\(bar.label): \(bar.stances[4]) strongly agreed, \(bar.stances[3]) agreed, \(bar.stances[2]) neutral, "
                + "\(bar.stances[1]) disagreed, \(bar.stances[0]) strongly disagreed; \(bar.notAddressed) of "
                + "\(bar.participants) did not address it; \(bar.note)."
        }
        return "Diverging bar chart, participants on a shared scale of \(scale.maximum) either side of zero; "
            + "opposition left, support right. " + lines.joined(separator: " ")
    }

    var axis: String {
        let unit = scale.pixelsPerParticipant
        let zero = DivergingChart.zeroX
        let bottom = DivergingChart.top + Double(bars.count) * DivergingChart.rowHeight
        var out = "<g class=\"axis\" fill=\"#333333\">"
        out += SVG.text(["x": fmt(zero - 8), "y": "16", "text-anchor": "end"], "← disagree")
        out += SVG.text(["x": fmt(zero + 8), "y": "16"], "agree →")
        for tick in scale.ticks {
            for sign in tick == 0 ? [1.0] : [-1.0, 1.0] {
                let x = fmt(zero + sign * Double(tick) * unit)
                out += SVG.element(
                    "line",
                    [
                        "x1": x, "y1": fmt(DivergingChart.top - 4), "x2": x, "y2": fmt(bottom), "stroke": "#dddddd",
                        "stroke-width": "1",
                    ])
                out += SVG.text(
                    ["x": x, "y": fmt(bottom + 16), "text-anchor": "middle", "font-size": "11"], "\(tick)")
            }
        }
        out += SVG.text(
            ["x": fmt(zero), "y": fmt(bottom + 30), "text-anchor": "middle", "font-size": "11"], "participants")
        out += legend(y: bottom + 52)
        out += SVG.element(
            "line",
            [
                "class": "zero", "x1": fmt(zero), "y1": fmt(DivergingChart.top - 6), "x2": fmt(zero), "y2": fmt(bottom),
                "stroke": "#000000", "stroke-width": "1.5",
            ])
        return out + "</g>\n"
    }

    /// Swatches of the five stances, in the order they are drawn.
    func legend(y: Double) -> String {
        var out = "<g class=\"legend\" font-size=\"11\">"
        for (index, stance) in (-2...2).enumerated() {
            let x = 40 + Double(index) * 168
            out += SVG.element(
                "rect",
                [
                    "x": fmt(x), "y": fmt(y - 10), "width": "14", "height": "12", "fill": fill(stance),
                    "stroke": "#555555", "stroke-width": "0.5",
                ])
            out += SVG.text(["x": fmt(x + 19), "y": fmt(y)], Palette.name(stance))
        }
        return out + "</g>"
    }

    /// A stance's fill: its colour, or the hatch pattern for mild disagreement (told apart in black and white).
    func fill(_ stance: Int) -> String {
        stance == -1 ? "url(#\(id)-hatch)" : Palette.color(stance)
    }

    func row(_ bar: Bar, index: Int) -> String {
        let y = DivergingChart.top + Double(index) * DivergingChart.rowHeight
        var out = "<g class=\"bar\" data-code=\"\(Markup.escape(bar.code))\">"
        let lines = Markup.wrap(bar.label, width: 40, lines: 2)
        let firstBaseline = y + DivergingChart.rowHeight / 2 + (lines.count == 1 ? 5 : -2)
        var label = ""
        for (number, line) in lines.enumerated() {
            label += SVG.element("tspan", ["x": "0", "dy": number == 0 ? "0" : "15"], Markup.escape(line))
        }
        out += SVG.text(["class": "label", "x": "0", "y": fmt(firstBaseline), "fill": "#111111"], label)
        out += segments(bar).map { draw($0, top: y + (DivergingChart.rowHeight - DivergingChart.barHeight) / 2) }
            .joined()
        let noteX = fmt(DivergingChart.noteX)
        out += SVG.text(["class": "note", "x": noteX, "y": fmt(y + 17), "fill": "#111111"], Markup.escape(bar.note))
        out += SVG.text(
            ["class": "missing", "x": noteX, "y": fmt(y + 32), "fill": "#555555", "font-size": "11"],
            "\(bar.notAddressed) of \(bar.participants) did not address it")
        return out + "</g>\n"
    }

    /// One stance's segment of a bar, with its count inside when it fits.
    func draw(_ segment: Segment, top barY: Double) -> String {
        var out = SVG.element(
            "rect",
            [
                "class": "segment", "data-stance": "\(segment.stance)", "data-count": "\(segment.count)",
                "x": fmt(segment.x), "y": fmt(barY), "width": fmt(segment.width),
                "height": fmt(DivergingChart.barHeight), "fill": fill(segment.stance), "stroke": "#ffffff",
                "stroke-width": "0.5",
            ], "<title>\(Palette.name(segment.stance)): \(segment.count)</title>")
        if segment.width >= 16 {
            out += SVG.text(
                [
                    "x": fmt(segment.x + segment.width / 2), "y": fmt(barY + 14.5), "text-anchor": "middle",
                    "font-size": "11", "fill": Palette.ink(segment.stance),
                ], "\(segment.count)")
        }
        return out
    }
}

/// The participants-to-pixels scale shared by every chart of a report.
public struct ChartScale: Sendable, Equatable {
    /// Participants that fit on either side of the zero line (the widest side of any bar, rounded up to a tick).
    public var maximum: Int

    /// A scale wide enough for every bar, with room for whole ticks.
    public init(bars: [DivergingChart.Bar]) {
        let widest = bars.map { max($0.leftExtent, $0.rightExtent) }.max() ?? 1
        let step = ChartScale.step(for: widest)
        maximum = max(step, Int((widest / Double(step)).rounded(.up)) * step)
    }

    public init(maximum: Int) { self.maximum = max(1, maximum) }

    /// Pixels per participant: half the bar area over `maximum`.
    public var pixelsPerParticipant: Double { 190 / Double(maximum) }

    static func step(for widest: Double) -> Int {
        widest <= 10
            ? 2 : widest <= 25 ? 5 : widest <= 60 ? 10 : widest <= 150 ? 25 : 50 * Int((widest / 300).rounded(.up))
    }

    /// Tick values from 0 to `maximum`.
    public var ticks: [Int] {
        let step = ChartScale.step(for: Double(maximum))
        return Array(stride(from: 0, through: maximum, by: step))
    }
}

/// A blue/orange diverging palette (ColorBrewer PuOr/RdBu family): sides differ in hue, strong and mild
/// stances in lightness, so it reads for red-green colour-blind readers and in greyscale; the mild opposition
/// is also hatched, and every segment carries its count.
public enum Palette {
    public static func color(_ stance: Int) -> String {
        switch stance {
        case -2: "#a6500a"
        case -1: "#f5b45e"
        case 0: "#dcdcdc"
        case 1: "#9cc8e2"
        default: "#1f5f9e"
        }
    }

    /// Text colour on a segment of `stance`.
    public static func ink(_ stance: Int) -> String { abs(stance) == 2 ? "#ffffff" : "#111111" }

    public static func name(_ stance: Int) -> String {
        switch stance {
        case -2: "strongly disagreed (−2)"
        case -1: "disagreed (−1)"
        case 0: "neutral (0)"
        case 1: "agreed (+1)"
        default: "strongly agreed (+2)"
        }
    }
}

/// Numbers in SVG attributes: at most two decimals, no trailing zeros, so output is stable.
/// SVG elements as text, attributes in the order written (so the same chart is the same bytes).
enum SVG {
    /// `<name a="v" …/>`, or with `content`, `<name a="v" …>content</name>`; values are written as given.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ content: String? = nil)
        -> String
    {
        var out = "<\(name)"
        for (key, value) in attributes { out += " \(key)=\"\(value)\"" }
        guard let content else { return out + "/>" }
        return out + ">\(content)</\(name)>"
    }

    static func text(_ attributes: KeyValuePairs<String, String>, _ content: String) -> String {
        element("text", attributes, content)
    }
}

func fmt(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    let whole = Int(scaled)
    let sign = whole < 0 ? "-" : ""
    let magnitude = abs(whole)
    let fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(magnitude / 100)" }
    let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
    return "\(sign)\(magnitude / 100).\(digits)"
}
