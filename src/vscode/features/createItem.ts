import * as vscode from 'vscode';
import type { SafetyClass } from '../../core/model/types';
import { homeNeighbour } from '../../core/authoring/requirementStubs';
import { applyAndReveal, requirementStubEdit } from './edits';
import type { EditorSettingsReader } from '../state/editorSettingsReader';
import type { ProjectRegistry } from '../state/registry';

/** The command a "Create REQ-099" quick fix and "Create Requirement…" run: `(folder, id, title?, class?)`. */
export const CREATE_ITEM_COMMAND = 'tracelens.createMissingItem';

const CLASSES: ReadonlyArray<{ label: SafetyClass; detail: string }> = [
  { label: 'A', detail: 'No injury or damage to health is possible.' },
  { label: 'B', detail: 'Non-serious injury is possible.' },
  { label: 'C', detail: 'Death or serious injury is possible.' },
];

// Implements: TL-224
/**
 * Creates a missing item: asks its IEC 62304 safety class (unless `tracelens.newItemClass` says
 * it), then applies the planned stub as one workspace edit and opens it, unsaved.
 */
export class CreateItemFeature {
  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.commands.registerCommand(CREATE_ITEM_COMMAND, (folder: vscode.Uri, id: string, title?: string, safetyClass?: SafetyClass) => this.create(folder, id, title, safetyClass)));
  }

  private async create(folder: vscode.Uri, id: string, title?: string, given?: SafetyClass): Promise<boolean> {
    const entry = this.registry.entryFor(folder);
    const snapshot = entry?.project.snapshot;
    if (!entry || !snapshot) return false;
    const safetyClass = given ?? this.settings.for(entry.folder).newItemClass ?? await this.askClass(id, snapshot.items);
    if (!safetyClass) return false;
    const planned = await requirementStubEdit(entry, id, { ...(title ? { title } : {}), safetyClass });
    return planned ? applyAndReveal(planned) : false;
  }

  /** The class the user picks; the neighbour's class is shown, never chosen for them. */
  private async askClass(id: string, items: Parameters<typeof homeNeighbour>[1]): Promise<SafetyClass | undefined> {
    const neighbour = homeNeighbour(id, items);
    const picked = await vscode.window.showQuickPick(
      CLASSES.map((entry) => ({ ...entry, ...(neighbour?.safetyClass === entry.label ? { description: `the class of ${neighbour.id}` } : {}) })),
      { title: `Safety class of ${id}`, placeHolder: 'IEC 62304 software safety class (set tracelens.newItemClass to stop asking)' },
    );
    return picked?.label;
  }
}
