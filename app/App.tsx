import { About } from './About';
import { BackendStatus } from './BackendStatus';
import { Controls } from './Controls';
import { DrawingPad } from './DrawingPad';
import { IncidentNotice } from './IncidentNotice';
import { TestStrip } from './TestStrip';
import { TrainingView } from './TrainingView';

export function App() {
  return (
    <>
      <header className="masthead">
        <h1>gradlab</h1>
        <p className="tagline">A neural network learns to read handwritten digits, live in your browser.</p>
        <BackendStatus />
        <IncidentNotice />
      </header>
      <main className="layout">
        <section className="panel settings">
          <Controls />
        </section>
        <section className="panel training" aria-label="Training">
          <TrainingView />
        </section>
        <section className="panel drawing" aria-label="Draw a digit">
          <DrawingPad />
        </section>
        <section className="panel samples" aria-label="Test images">
          <TestStrip />
        </section>
        <section className="panel about" aria-label="What is going on">
          <About />
        </section>
      </main>
    </>
  );
}
