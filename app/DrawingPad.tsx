import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { DigitImage } from './DigitImage';
import { preprocessDrawing } from './preprocess';
import { useTrainerCommands, useTrainerState } from './state/trainer-provider';

/** Drawn large with a thick pen, then averaged down: the anti-aliasing MNIST's digits have. */
const CANVAS_SIZE = 280;
const STROKE_WIDTH = 22;
const PREDICT_INTERVAL_MS = 100;
const DIGITS = Array.from({ length: 10 }, (_, d) => d);

interface Point {
  x: number;
  y: number;
}

function canvasPoint(canvas: HTMLCanvasElement, event: PointerEvent): Point {
  const rect = canvas.getBoundingClientRect();
  return {
    x: ((event.clientX - rect.left) * CANVAS_SIZE) / rect.width,
    y: ((event.clientY - rect.top) * CANVAS_SIZE) / rect.height,
  };
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  return context;
}

/** The drawing as the model's 28×28 input, or null when the pad is blank. */
function readDrawing(canvas: HTMLCanvasElement): Float32Array | null {
  const { data } = context(canvas).getImageData(0, 0, CANVAS_SIZE, CANVAS_SIZE);
  const ink = new Float32Array(CANVAS_SIZE * CANVAS_SIZE);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
  return preprocessDrawing(ink, CANVAS_SIZE, CANVAS_SIZE);
}

export function DrawingPad() {
  const commands = useTrainerCommands();
  const step = useTrainerState('step');
  const model = useTrainerState('model');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const penAt = useRef<Point | null>(null);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [probabilities, setProbabilities] = useState<Float32Array | null>(null);
  // Versions of the drawing: the prediction shown is for `predictedVersion`.
  const version = useRef(0);
  const [drawnVersion, setDrawnVersion] = useState(0);
  const [predictedVersion, setPredictedVersion] = useState(0);
  const hasInk = useRef(false);
  const timer = useRef<number | null>(null);
  const lastPredicted = useRef(0);

  const predictNow = useCallback(async () => {
    timer.current = null;
    lastPredicted.current = performance.now();
    const canvas = canvasRef.current;
    if (!canvas) return;
    const predictedAt = version.current;
    const pixels = readDrawing(canvas);
    hasInk.current = pixels !== null;
    setInput(pixels);
    // predict() hands its array to the worker, so it gets a copy.
    const result = pixels ? await commands.predict(pixels.slice()) : null;
    if (predictedAt !== version.current) return; // a newer drawing has its own prediction coming
    setProbabilities(result);
    setPredictedVersion(predictedAt);
  }, [commands]);

  const requestPrediction = useCallback(() => {
    if (timer.current !== null) return;
    const wait = Math.max(0, lastPredicted.current + PREDICT_INTERVAL_MS - performance.now());
    timer.current = window.setTimeout(() => void predictNow(), wait);
  }, [predictNow]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pen = context(canvas);
    pen.lineWidth = STROKE_WIDTH;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = pen.fillStyle = '#111';
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, []);

  // The model keeps learning: show what it thinks of the drawing now.
  useEffect(() => {
    if (hasInk.current) requestPrediction();
  }, [step, model, requestPrediction]);

  function drawingChanged() {
    version.current++;
    setDrawnVersion(version.current);
    requestPrediction();
  }

  function penDown(event: ReactPointerEvent<HTMLCanvasElement>) {
    if (event.button !== 0) return;
    const canvas = event.currentTarget;
    canvas.setPointerCapture(event.pointerId);
    const point = canvasPoint(canvas, event.nativeEvent);
    penAt.current = point;
    const pen = context(canvas);
    pen.beginPath();
    pen.arc(point.x, point.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
    pen.fill();
    drawingChanged();
  }

  function penMove(event: ReactPointerEvent<HTMLCanvasElement>) {
    if (!penAt.current) return;
    const canvas = event.currentTarget;
    const pen = context(canvas);
    // Fast strokes arrive as several coalesced events per frame; each one is part of the line.
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
    pen.beginPath();
    pen.moveTo(penAt.current.x, penAt.current.y);
    for (const e of coalesced.length > 0 ? coalesced : [event.nativeEvent]) {
      penAt.current = canvasPoint(canvas, e);
      pen.lineTo(penAt.current.x, penAt.current.y);
    }
    pen.stroke();
    drawingChanged();
  }

  function penUp() {
    penAt.current = null;
  }

  function clear() {
    const canvas = canvasRef.current;
    if (!canvas) return;
    context(canvas).clearRect(0, 0, CANVAS_SIZE, CANVAS_SIZE);
    drawingChanged();
  }

  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : null;
  const verdict =
    best !== null ? `Prediction: ${best}` : input ? 'Prediction: – (no usable model right now)' : 'Draw a digit from 0 to 9 on the pad.';

  return (
    <>
      <h2>Draw a digit</h2>
      <div className="pad-row">
        <canvas
          ref={canvasRef}
          className="pad"
          width={CANVAS_SIZE}
          height={CANVAS_SIZE}
          aria-label="Drawing pad: draw a digit with a mouse, pen or finger"
          data-testid="drawing-pad"
          onPointerDown={penDown}
          onPointerMove={penMove}
          onPointerUp={penUp}
          onPointerCancel={penUp}
        />
        <div className="pad-side">
          <p className="caption">Model input, 28×28</p>
          {input ? <DigitImage pixels={input} max={1} label="The drawing as the model sees it" className="input-preview" /> : <div className="digit input-preview blank" />}
          <button type="button" onClick={clear}>
            Clear
          </button>
        </div>
      </div>
      <p className="prediction" data-testid="prediction" data-state={drawnVersion === predictedVersion ? 'ready' : 'pending'} aria-live="polite">
        {verdict}
      </p>
      <ol className="bars" aria-label="Probability of each digit">
        {DIGITS.map((digit) => {
          const p = probabilities?.[digit] ?? 0;
          return (
            <li key={digit} className={digit === best ? 'best' : undefined} aria-label={`${digit}: ${(100 * p).toFixed(0)} %`}>
              <span className="bar-digit">{digit}</span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${100 * p}%` }} />
              </span>
              <span className="bar-value">{(100 * p).toFixed(0)}%</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
