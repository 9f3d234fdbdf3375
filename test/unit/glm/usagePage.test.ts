// The "GLM: Show Usage" page as HTML: totals per period, a bar per day, a row per model, no script, and
// nothing from the data reaches the page unescaped.
import assert from 'node:assert/strict';
import { emptyUsage, recordUsage } from '../../../src/glm/usageLedger';
import { usageHtml, type UsagePageStrings } from '../../../src/glm/usagePage';

const strings: UsagePageStrings = {
  title: 'GLM Usage', today: 'Today', last7: 'Last 7 days', last30: 'Last 30 days', chart: 'Tokens per day', perModel: 'Per model',
  model: 'Model', requests: 'Requests', prompt: 'Prompt', completion: 'Completion', reasoning: 'Reasoning', cached: 'Cached',
  tokens: 'tokens', empty: 'No requests yet.', note: 'Counts only.',
};
const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 2, 12);
const page = (data = emptyUsage()) => usageHtml({
  data, now, strings, language: 'en', cspSource: 'vscode-resource:', cssHref: 'usage.css', formatNumber: (n) => String(n),
});
const usage = (prompt: number, completion: number) => ({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: 5 } });

describe('usage page', () => {
  it('says there is nothing yet when no request was counted', () => {
    const html = page();
    assert.match(html, /<p class="empty">No requests yet\.<\/p>/);
    assert.doesNotMatch(html, /class="cards"/);
  });

  it('shows today, 7 and 30 days, one bar per day with today marked, and a row per model', () => {
    const data = emptyUsage();
    recordUsage(data, 'glm-4.7', usage(100, 20), now);
    recordUsage(data, 'glm-4.5-air', usage(10, 2), now);
    recordUsage(data, 'glm-4.7', usage(1000, 200), now - 3 * DAY);
    const html = page(data);
    const values = [...html.matchAll(/<span class="value">(\d+)<\/span>/g)].map((m) => Number(m[1]));
    assert.deepEqual(values, [132, 1332, 1332]);
    assert.equal([...html.matchAll(/<rect class="bar/g)].length, 30);
    assert.equal([...html.matchAll(/class="bar today"/g)].length, 1);
    assert.match(html, /<tr><td>glm-4\.7<\/td><td>2<\/td><td>1100<\/td><td>220<\/td><td>0<\/td><td>10<\/td><\/tr>/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src vscode-resource:; img-src vscode-resource:"/);
  });

  it('escapes what comes from the data and the strings', () => {
    const data = emptyUsage();
    recordUsage(data, '<img src=x onerror=alert(1)>', usage(1, 1), now);
    const html = usageHtml({ data, now, strings: { ...strings, title: 'A "quoted" <b>title</b>' }, language: 'en"x', cspSource: 's', cssHref: 'c', formatNumber: String });
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<title>A &quot;quoted&quot; &lt;b&gt;title&lt;\/b&gt;<\/title>/);
    assert.match(html, /<html lang="en&quot;x">/);
  });
});
