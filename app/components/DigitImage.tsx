import { useEffect, useRef } from 'react';
import { SIDE } from '../preprocess';

interface DigitImageProps {
  /** 28 × 28 intensities, 0 = background, up to `max` = full ink. */
  pixels: ArrayLike<number>;
  max: number;
  label: string;
  className?: string;
}

/** A 28×28 image drawn pixel for pixel; CSS scales it up without smoothing. */
export function DigitImage({ pixels, max, label, className }: DigitImageProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const shade = 255 - Math.round((255 * pixels[i]) / max);
      image.data.set([shade, shade, shade, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, max]);

  return <canvas ref={canvasRef} width={SIDE} height={SIDE} className={`digit ${className ?? ''}`} role="img" aria-label={label} />;
}
