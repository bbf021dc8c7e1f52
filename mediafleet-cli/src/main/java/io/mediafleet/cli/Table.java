package io.mediafleet.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text output for people: columns padded to their widest cell, headers in upper case.
 */
public final class Table {

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	private Table(List<String> headers) {
		this.headers = headers;
	}

	/** A table with these column headers. */
	public static Table of(String... headers) {
		return new Table(Arrays.asList(headers));
	}

	/** Adds a row; {@code null} cells print as {@code -}. */
	public Table row(Object... cells) {
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add((cell == null || cell.toString().isEmpty()) ? "-" : cell.toString());
		}
		this.rows.add(row);
		return this;
	}

	/** Whether no row was added. */
	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/** The lines of the table, header first, without trailing spaces. */
	public List<String> lines() {
		int[] widths = new int[this.headers.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers.get(i).length();
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add(line(this.headers, widths));
		for (List<String> row : this.rows) {
			lines.add(line(row, widths));
		}
		return lines;
	}

	/** Prints the table. */
	public void print(PrintStream out) {
		lines().forEach(out::println);
	}

	private static String line(List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append("  ");
			}
			line.append(cells.get(i));
			if (i < cells.size() - 1) {
				line.append(" ".repeat(widths[i] - cells.get(i).length()));
			}
		}
		return line.toString().stripTrailing();
	}

}
