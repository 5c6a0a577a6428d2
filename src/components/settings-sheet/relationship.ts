import { html, nothing } from 'lit';
import type { Messages } from '../../l10n/en.js';
import type { ConversationSummary, Relationship } from '../../model/types.js';

/**
 * "Your relationship": in a course conversation, the reader's own place in the course
 * first ("courses where you're the teacher"), then what they share with the person
 * asked about, or how to ask.
 */
export function relationshipSection(t: Messages, c: ConversationSummary, asked: boolean, r: Relationship | undefined) {
  const s = t.settings;
  const yours = c.course && c.courseRole ? html`<p class="course-role">${s.yourCourseRole(c.course.name, s.role[c.courseRole])}</p>` : nothing;
  const content = !asked
    ? html`<p class="muted">${s.relationshipHint}</p>`
    : !r
      ? html`<p class="muted" aria-busy="true">${s.loading}</p>`
      : !r.courses.length && !r.projects.length
        ? html`<p>${s.relationshipNone(r.person.name)}</p>`
        : html`<p>${s.relationshipWith(r.person.name)}</p>
            ${r.courses.length
              ? html`<h4>${s.courses}</h4>
                  <ul class="shared">
                    ${r.courses.map(
                      (x) => html`<li>
                        <span class="name" dir="auto">${x.course.name}</span>
                        <span class="detail">${s.roles(s.role[x.yourRole], r.person.name, s.role[x.theirRole])}</span>
                      </li>`,
                    )}
                  </ul>`
              : nothing}
            ${r.projects.length
              ? html`<h4>${s.projects}</h4>
                  <ul class="shared">
                    ${r.projects.map((p) => html`<li><span class="name" dir="auto">${p.name}</span></li>`)}
                  </ul>`
              : nothing}`;
  return html`<section aria-labelledby="relationship-heading">
    <h3 id="relationship-heading" tabindex="-1" data-option="relationship">${s.relationship}</h3>
    ${yours} ${content}
  </section>`;
}

/** What a screen reader is told once a relationship has loaded. */
export function relationshipSaid(t: Messages, r: Relationship): string {
  const shared = [...r.courses.map((x) => x.course.name), ...r.projects.map((x) => x.name)];
  return shared.length ? `${t.settings.relationshipWith(r.person.name)} ${t.names(shared)}.` : t.settings.relationshipNone(r.person.name);
}
