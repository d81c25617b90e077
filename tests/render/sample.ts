// A rich markdown document exercising every construct the renderers support.
export const RICH = `# Feature: User Auth

Intro with **bold**, *em*, _under em_, ~~gone~~, \`code()\`, a [link](https://example.com/a?b=1&c=2 "t"),
an autolink <https://example.org>, snake_case_name, 2 * 3 * 4 and a hard break  
next line. Entities: &amp; &copy; &#169; &bogus;

Setext Heading
--------------

## Lists

- one
- two with **bold [link *emlink*](https://x.test)**
  - nested a
  - nested b
    1. deep ordered
    2. second

3. three
4. four

- [ ] open task
- [x] done task
  - [ ] nested task

- [x] mixed
- plain

> Quoted **text**
> - quoted list
> ## quoted heading
>
> > nested quote

\`\`\`ts
const a: Array<number> = [1]; // ]]> tricky & <b>
\`\`\`

~~~
plain fence
~~~

| Name | Type | Notes |
|:-----|:----:|------:|
| id | \`uuid\` | primary \\| key |
| email | string | **unique** |

---

* * *

1) paren list
2) second

Raw <script>alert(1)</script> and <b onclick="x">bold</b> and [bad](javascript:alert(1)).

- item with code

  \`\`\`sh
  npm test
  \`\`\`
- | not | a table |
`;
