import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { preprocessDrawing, SIDE } from '../../preprocess';
import { messages } from '../../i18n/messages';

/** Drawn large with a thick pen, then averaged down: the anti-aliasing MNIST's digits have. */
export const CANVAS_SIZE = 280;
const STROKE_WIDTH = 22;

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
  if (!context) throw new Error(messages().drawing.cannotDraw);
  return context;
}

/** The drawing on `canvas` as the model's 28×28 input, or null while the pad is blank. */
export function readDrawing(canvas: HTMLCanvasElement): Float32Array | null {
  const { data } = context(canvas).getImageData(0, 0, CANVAS_SIZE, CANVAS_SIZE);
  const ink = new Float32Array(CANVAS_SIZE * CANVAS_SIZE);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
  return preprocessDrawing(ink, CANVAS_SIZE, CANVAS_SIZE);
}

/**
 * The canvas as a pad to draw on with a mouse, pen or finger: its handlers, Clear, and a test image
 * put on it (`show`). `changed` is called after every stroke.
 */
export function usePen(canvasRef: RefObject<HTMLCanvasElement | null>, changed: () => void) {
  const penAt = useRef<Point | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pen = context(canvas);
    pen.lineWidth = STROKE_WIDTH;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = pen.fillStyle = '#111';
  }, [canvasRef]);

  function down(event: ReactPointerEvent<HTMLCanvasElement>) {
    if (event.button !== 0) return;
    const canvas = event.currentTarget;
    canvas.setPointerCapture(event.pointerId);
    const point = canvasPoint(canvas, event.nativeEvent);
    penAt.current = point;
    const pen = context(canvas);
    pen.beginPath();
    pen.arc(point.x, point.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
    pen.fill();
    changed();
  }

  function move(event: ReactPointerEvent<HTMLCanvasElement>) {
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
    changed();
  }

  function up() {
    penAt.current = null;
  }

  /** Puts a 28×28 image (0 = background, 255 = ink) on the pad in place of the drawing, in the pen's ink. */
  function show(image: Uint8Array) {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const small = new ImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) small.data.set([17, 17, 17, image[i]], i * 4);
    const scaled = new OffscreenCanvas(SIDE, SIDE);
    scaled.getContext('2d')?.putImageData(small, 0, 0);
    const pen = context(canvas);
    pen.clearRect(0, 0, CANVAS_SIZE, CANVAS_SIZE);
    pen.imageSmoothingEnabled = true;
    pen.drawImage(scaled, 0, 0, CANVAS_SIZE, CANVAS_SIZE);
    changed();
  }

  function clear() {
    const canvas = canvasRef.current;
    if (!canvas) return;
    context(canvas).clearRect(0, 0, CANVAS_SIZE, CANVAS_SIZE);
    changed();
  }

  return { clear, show, handlers: { onPointerDown: down, onPointerMove: move, onPointerUp: up, onPointerCancel: up } };
}
