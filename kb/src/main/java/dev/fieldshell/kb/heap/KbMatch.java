package dev.fieldshell.kb.heap;

/**
 * A knowledge-base document that matches a chain.
 *
 * @param id    the KB document id ({@code note:…}, {@code owner/repo#N}, a Message-ID)
 * @param title its title
 * @param url   where to read it, empty when unknown
 * @param score the search score, higher is better
 */
public record KbMatch(String id, String title, String url, double score) {}
