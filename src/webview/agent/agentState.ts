// Agent messages in the webview's pure reducer: a new turn object with a new agent state, never a change to
// the previous one (parts are copied before the shared applyAgentUpdate changes them).
import { applyAgentUpdate, emptyAgentTurn, type AgentToWebview, type AgentTurnView } from '../../shared/agentProtocol';
import type { AssistantTurn } from '../../shared/protocol';

export function copyAgentTurn(view: AgentTurnView | undefined): AgentTurnView {
  const from = view ?? emptyAgentTurn();
  return { ...from, parts: from.parts.map((p) => ({ ...p })) };
}

export function reduceAgentTurn(turn: AssistantTurn, msg: AgentToWebview): AssistantTurn {
  const agent = copyAgentTurn(turn.agent);
  switch (msg.type) {
    case 'agent/part': applyAgentUpdate(agent, { part: msg.part }); break;
    case 'agent/thinking': applyAgentUpdate(agent, { thinking: { partId: msg.partId, text: msg.text } }); break;
    case 'agent/meta': applyAgentUpdate(agent, { meta: msg.meta }); break;
  }
  return { ...turn, agent };
}
