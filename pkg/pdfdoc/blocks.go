package pdfdoc

// block is a centred paragraph of the certificate.
type block struct {
	text  string
	style string
	size  float64
	tone  tone
	after float64 // space below, millimetres
}

// laidBlock is a block broken into lines.
type laidBlock struct {
	block
	lines []string
}

// layoutBlocks wraps every block to the width of the writer's box.
func layoutBlocks(wr *writer, blocks []block) []laidBlock {
	out := make([]laidBlock, len(blocks))
	for i, b := range blocks {
		wr.setFont(b.style, b.size, b.tone)
		out[i] = laidBlock{block: b, lines: wrap(wr.pdf, b.text, wr.width())}
	}
	return out
}

// blocksHeight is the height of laid-out blocks.
func blocksHeight(blocks []laidBlock) float64 {
	h := 0.0
	for _, b := range blocks {
		h += float64(len(b.lines))*lineHeight(b.size) + b.after
	}
	return h
}

// drawBlocks writes laid-out blocks centred, starting at y.
func drawBlocks(wr *writer, blocks []laidBlock, y float64) {
	for _, b := range blocks {
		lh := lineHeight(b.size)
		for _, l := range b.lines {
			wr.setFont(b.style, b.size, b.tone)
			wr.textAt(wr.left, y, wr.width(), lh, l, "C")
			y += lh
		}
		y += b.after
	}
}
