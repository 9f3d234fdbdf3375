// One idiomatic snippet per language, so a demo answer's code block looks like the language asked about.

export interface LanguageInfo {
  /** Fence tag. */
  tag: string;
  /** Display name. */
  name: string;
  lineComment: string;
  snippet: string;
}

const lang = (tag: string, name: string, lineComment: string, snippet: string): LanguageInfo =>
  ({ tag, name, lineComment, snippet: snippet.replace(/^\n/, '') });

export const LANGUAGES: Record<string, LanguageInfo> = {
  typescript: lang('typescript', 'TypeScript', '//', `
export function debounce<T extends (...args: any[]) => void>(fn: T, waitMs: number): T {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return ((...args: Parameters<T>) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  }) as T;
}

const save = debounce((text: string) => console.log('saving', text), 300);
save('hello');
`),
  javascript: lang('javascript', 'JavaScript', '//', `
export async function fetchJson(url, { retries = 3 } = {}) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url);
    if (res.ok) return res.json();
    if (attempt >= retries) throw new Error(\`HTTP \${res.status}\`);
    await new Promise((r) => setTimeout(r, 2 ** attempt * 100));
  }
}
`),
  python: lang('python', 'Python', '#', `
from collections import Counter
from pathlib import Path


def top_words(path: Path, n: int = 10) -> list[tuple[str, int]]:
    """Return the n most common words in a text file."""
    words = path.read_text(encoding="utf-8").lower().split()
    return Counter(words).most_common(n)


if __name__ == "__main__":
    print(top_words(Path("README.md")))
`),
  go: lang('go', 'Go', '//', `
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make([]int, 5)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = i * i
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
}
`),
  rust: lang('rust', 'Rust', '//', `
use std::collections::HashMap;

fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

fn main() {
    let counts = word_counts("the quick brown fox jumps over the lazy dog");
    println!("{:?}", counts.get("the"));
}
`),
  java: lang('java', 'Java', '//', `
import java.util.List;
import java.util.stream.Collectors;

public class Names {
    public static List<String> initials(List<String> names) {
        return names.stream()
                .filter(n -> !n.isBlank())
                .map(n -> n.substring(0, 1).toUpperCase())
                .collect(Collectors.toList());
    }
}
`),
  csharp: lang('csharp', 'C#', '//', `
using System.Linq;

public static class Stats
{
    public static double Median(int[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 0 ? (sorted[mid - 1] + sorted[mid]) / 2.0 : sorted[mid];
    }
}
`),
  cpp: lang('cpp', 'C++', '//', `
#include <algorithm>
#include <iostream>
#include <vector>

int main() {
    std::vector<int> values{5, 3, 8, 1};
    std::sort(values.begin(), values.end());
    for (int v : values) std::cout << v << ' ';
    std::cout << '\\n';
}
`),
  c: lang('c', 'C', '//', `
#include <stdio.h>
#include <string.h>

static void reverse(char *s) {
    for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
        char t = s[i]; s[i] = s[j - 1]; s[j - 1] = t;
    }
}

int main(void) {
    char word[] = "hello";
    reverse(word);
    printf("%s\\n", word);
    return 0;
}
`),
  ruby: lang('ruby', 'Ruby', '#', `
def word_frequencies(text)
  text.downcase.scan(/\\w+/).tally.sort_by { |_, count| -count }
end

puts word_frequencies("the cat and the hat").first(3).inspect
`),
  php: lang('php', 'PHP', '//', `
<?php
function slugify(string $title): string {
    $slug = strtolower(trim($title));
    $slug = preg_replace('/[^a-z0-9]+/', '-', $slug);
    return trim($slug, '-');
}

echo slugify("Hello, World!");
`),
  kotlin: lang('kotlin', 'Kotlin', '//', `
data class User(val name: String, val age: Int)

fun adults(users: List<User>): List<String> =
    users.filter { it.age >= 18 }.map { it.name }.sorted()

fun main() {
    println(adults(listOf(User("Ann", 31), User("Bo", 12))))
}
`),
  swift: lang('swift', 'Swift', '//', `
struct Stack<Element> {
    private var items: [Element] = []
    mutating func push(_ item: Element) { items.append(item) }
    mutating func pop() -> Element? { items.popLast() }
    var isEmpty: Bool { items.isEmpty }
}

var stack = Stack<Int>()
stack.push(1)
print(stack.pop() ?? -1)
`),
  bash: lang('bash', 'Bash', '#', `
#!/usr/bin/env bash
set -euo pipefail

for file in "$@"; do
  lines=$(wc -l < "$file")
  echo "$file: $lines lines"
done
`),
  sql: lang('sql', 'SQL', '--', `
SELECT c.name, COUNT(o.id) AS orders, SUM(o.total) AS revenue
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.name
ORDER BY revenue DESC
LIMIT 10;
`),
};
